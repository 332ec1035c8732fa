# The packages: `cmake --build <build> --target package` (or `cpack -G DEB` in the build tree)
# writes two Debian packages, see docs/OPERATIONS.md "Installing the packages":
#   portico         the desktop client: binary, desktop entry, SVG and PNG icons, translations
#   portico-server  portico-server and portico-release, the systemd unit, /etc/portico/server.conf
#                   (a conffile), maintainer scripts creating the user portico and /var/lib/portico
# Binaries are stripped in the package; Depends comes from dpkg-shlibdeps plus the Qt plugins
# that are loaded at run time. The Windows installer is installer/windows/portico.nsi (NSIS).

set(PORTICO_PACKAGE_CONTACT "Portico <dev@portico.local>" CACHE STRING
    "Maintainer of the Debian packages (name <email>): the publisher's real address")

# Desktop entry and icons (client). The PNG sizes are rendered from the SVG at build time.
install(FILES linux/portico.desktop DESTINATION share/applications COMPONENT client)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/portico.svg"
    DESTINATION share/icons/hicolor/scalable/apps COMPONENT client)
find_program(PORTICO_RSVG_CONVERT rsvg-convert)
set(PORTICO_ICON_SIZES 16 24 32 48 64 128 256)
if(PORTICO_RSVG_CONVERT)
    set(icon_outputs)
    foreach(size IN LISTS PORTICO_ICON_SIZES)
        set(png "${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size}/portico.png")
        add_custom_command(OUTPUT "${png}"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size}"
            COMMAND "${PORTICO_RSVG_CONVERT}" --width ${size} --height ${size} --format png
                --output "${png}" "${PROJECT_SOURCE_DIR}/resources/icons/portico.svg"
            DEPENDS "${PROJECT_SOURCE_DIR}/resources/icons/portico.svg"
            COMMENT "Rendering the ${size}x${size} application icon" VERBATIM)
        list(APPEND icon_outputs "${png}")
        install(FILES "${png}" DESTINATION share/icons/hicolor/${size}x${size}/apps COMPONENT client)
    endforeach()
    add_custom_target(portico_icons ALL DEPENDS ${icon_outputs})
else()
    message(STATUS "rsvg-convert not found: the packages get no PNG icons (run scripts/install-deps)")
endif()

# Server: unit, default settings, maintainer scripts.
install(FILES linux/portico-server.service DESTINATION /lib/systemd/system COMPONENT server)
install(FILES linux/server.conf DESTINATION /etc/portico COMPONENT server)

# Debian's copyright and changelog for each package.
string(TIMESTAMP PORTICO_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(pair IN ITEMS "client:portico" "server:portico-server")
    string(REPLACE ":" ";" pair "${pair}")
    list(GET pair 0 component)
    list(GET pair 1 PORTICO_DEB_PACKAGE)
    set(dir "${CMAKE_CURRENT_BINARY_DIR}/doc/${PORTICO_DEB_PACKAGE}")
    configure_file(linux/changelog.in "${dir}/changelog" @ONLY)
    add_custom_command(OUTPUT "${dir}/changelog.gz"
        COMMAND gzip -9n -f -k "${dir}/changelog"
        DEPENDS "${dir}/changelog" VERBATIM)
    add_custom_target(portico_changelog_${component} ALL DEPENDS "${dir}/changelog.gz")
    install(FILES linux/copyright "${dir}/changelog.gz"
        DESTINATION share/doc/${PORTICO_DEB_PACKAGE} COMPONENT ${component})
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME portico)
set(CPACK_PACKAGE_VENDOR "Portico")
set(CPACK_PACKAGE_CONTACT "${PORTICO_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL client server)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://portico.local/")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME portico)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION misc)
set(CPACK_COMPONENT_CLIENT_DESCRIPTION "B2B ordering portal - desktop client
 Portico is a wholesale ordering portal: buyers order from their price lists,
 sales representatives and managers handle orders, warehouses pick and ship.
 The desktop client works offline on a local cache and sends what users enter
 when the server answers again. It installs updates signed by the company's
 release key.")
# Loaded at run time, so dpkg-shlibdeps cannot see them: the window system, the cache's SQLite.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "qt6-translations-l10n, gnome-keyring")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME portico-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_COMPONENT_SERVER_DESCRIPTION "B2B ordering portal - server
 Portico is a wholesale ordering portal. This package holds its server
 (portico-server: HTTP API, sync feed, accounting exchange, update publishing)
 run as the systemd service portico-server, and portico-release, the tool that
 signs and verifies release manifests.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite, libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/server/conffiles"
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/server/postinst"
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/server/prerm"
    "${CMAKE_CURRENT_SOURCE_DIR}/linux/server/postrm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

set(CPACK_OUTPUT_FILE_PREFIX packages) # below the working directory: the build tree for `package`
include(CPack)
