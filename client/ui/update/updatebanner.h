#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace portico::client {

// The strip under the window's title that speaks about updates, in one of these forms:
// required (this version is refused by the server: ordering is blocked until the update is
// installed), available (a newer signed release: its notes, Install and Later), downloading (a
// progress bar), or failed (what went wrong; the running version keeps working). Never modal:
// the user keeps working while it shows.
class UpdateBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpdateBanner)

public:
    explicit UpdateBanner(QWidget *parent = nullptr);
    ~UpdateBanner() override;

    // `version` empty: the server named no version to install. `canUpdate`: an update can be
    // fetched from here (the Update button shows).
    void showRequired(const QString &version, bool canUpdate);
    // The server accepts this version again.
    void clearRequired();
    void showAvailable(const QString &version, const QString &notes);
    void showProgress(qint64 received, qint64 total);
    void showInstalling(const QString &version);
    void showInstalled(const QString &version);
    void showFailed(const QString &message);
    void dismiss();

    QString text() const;
    bool isRequired() const noexcept { return m_required; }

    // The sentence the window and the cart show while the server refuses this version.
    static QString requiredMessage(const QString &version);

Q_SIGNALS:
    // Update (required form) or Install (available form): download if needed, then install.
    void installRequested();
    void laterRequested();

private:
    void setStyle(bool urgent);

    QLabel *m_text = nullptr;
    QLabel *m_notes = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_install = nullptr;
    QPushButton *m_later = nullptr;
    bool m_required = false;
};

} // namespace portico::client
