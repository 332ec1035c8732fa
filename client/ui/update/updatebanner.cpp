#include "update/updatebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace portico::client {

UpdateBanner::UpdateBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("updateBanner"));
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    auto *texts = new QVBoxLayout;
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("updateBannerText"));
    m_text->setWordWrap(true);
    texts->addWidget(m_text);
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("updateNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    texts->addWidget(m_notes);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("updateProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(320);
    texts->addWidget(m_progress);
    layout->addLayout(texts, 1);
    m_install = new QPushButton(this);
    m_install->setObjectName(QStringLiteral("updateInstallButton"));
    layout->addWidget(m_install);
    m_later = new QPushButton(tr("&Later"), this);
    m_later->setObjectName(QStringLiteral("updateLaterButton"));
    layout->addWidget(m_later);
    connect(m_install, &QPushButton::clicked, this, &UpdateBanner::installRequested);
    connect(m_later, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT laterRequested();
    });
    hide();
}

UpdateBanner::~UpdateBanner() = default;

QString UpdateBanner::requiredMessage(const QString &version)
{
    if (version.isEmpty())
        return tr("This version is no longer supported. Update Portico to keep ordering.");
    return tr("This version is no longer supported. Update to %1 to keep ordering.").arg(version);
}

void UpdateBanner::setStyle(bool urgent)
{
    setStyleSheet(
        urgent ? QStringLiteral("#updateBanner { background: #fde2e0; border-bottom: 1px solid #d9534f; }"
                                "#updateBannerText { color: #7a1410; font-weight: bold; }")
               : QStringLiteral("#updateBanner { background: #e3f0fd; border-bottom: 1px solid #7aa7d9; }"
                                "#updateBannerText { color: #173d66; font-weight: bold; }"));
}

void UpdateBanner::showRequired(const QString &version, bool canUpdate)
{
    m_required = true;
    setStyle(true);
    m_text->setText(requiredMessage(version));
    m_notes->hide();
    m_progress->hide();
    m_install->setText(tr("&Update"));
    m_install->setEnabled(true);
    m_install->setVisible(canUpdate);
    m_later->hide();
    show();
}

void UpdateBanner::clearRequired()
{
    if (!m_required)
        return;
    m_required = false;
    hide();
}

void UpdateBanner::showAvailable(const QString &version, const QString &notes)
{
    if (m_required)
        return; // the required form says more and stays
    setStyle(false);
    m_text->setText(tr("Portico %1 is available.").arg(version));
    m_notes->setText(notes);
    m_notes->setVisible(!notes.isEmpty());
    m_progress->hide();
    m_install->setText(tr("&Install"));
    m_install->setEnabled(true);
    m_install->show();
    m_later->show();
    show();
}

void UpdateBanner::showProgress(qint64 received, qint64 total)
{
    const QLocale locale;
    m_progress->show();
    m_progress->setValue(total > 0 ? int(received * 1000 / total) : 0);
    m_progress->setFormat(
        tr("Downloading: %1 of %2").arg(locale.formattedDataSize(received), locale.formattedDataSize(total)));
    m_install->setEnabled(false);
    m_later->hide();
    show();
}

void UpdateBanner::showInstalling(const QString &version)
{
    m_text->setText(tr("Installing Portico %1…").arg(version));
    m_progress->hide();
    m_install->setEnabled(false);
    m_later->hide();
    show();
}

void UpdateBanner::showInstalled(const QString &version)
{
    setStyle(false);
    m_text->setText(tr("Portico %1 is installed. Quit and start Portico again to use it.").arg(version));
    m_notes->hide();
    m_progress->hide();
    m_install->hide();
    m_later->hide();
    show();
}

void UpdateBanner::showFailed(const QString &message)
{
    setStyle(true);
    m_text->setText(tr("The update could not be installed: %1 This version keeps working.").arg(message));
    m_notes->hide();
    m_progress->hide();
    m_install->setText(tr("&Try again"));
    m_install->setEnabled(true);
    m_install->show();
    m_later->setVisible(!m_required);
    show();
}

void UpdateBanner::dismiss()
{
    if (m_required)
        return;
    hide();
}

QString UpdateBanner::text() const
{
    return m_text->text();
}

} // namespace portico::client
