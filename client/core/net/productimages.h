#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QNetworkAccessManager;

namespace portico::client {

class Session;

// Product pictures for the product card: a product names its image by the SHA-256 of the
// content (Product::imageRef), served at GET /api/v1/blobs/{sha256} to a signed-in user. A
// downloaded image is checked against its name and kept in a folder of the profile, so it is
// fetched once and shows offline afterwards.
class ProductImages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductImages)

public:
    ProductImages(QNetworkAccessManager &network, Session &session, QString folder,
                  QObject *parent = nullptr);
    ~ProductImages() override;

    // Asks for an image: imageReady() or imageFailed() follows, never inside this call. One
    // download per image at a time, however often it is asked for.
    void request(const QString &sha256);
    // The file an image is kept in (it may not exist yet).
    QString filePath(const QString &sha256) const;
    int downloadsInFlight() const { return int(m_inFlight.size()); }

    static bool isValidName(const QString &sha256);

Q_SIGNALS:
    void imageReady(const QString &sha256, const QByteArray &content);
    void imageFailed(const QString &sha256, const QString &message);

private:
    void download(const QString &sha256, bool retried);
    void finish(const QString &sha256, const QByteArray &content, const QString &error);

    QNetworkAccessManager &m_network;
    Session &m_session;
    QString m_folder;
    QHash<QString, bool> m_inFlight;
};

} // namespace portico::client
