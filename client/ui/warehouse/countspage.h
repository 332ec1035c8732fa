#pragma once

#include "warehouse/counting.h"
#include "warehouse/scanfeedback.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableWidget;

namespace portico::client {

class CacheDatabase;

// Blind counts: the open count sessions, then one being counted: scan a bin, scan a product,
// type the quantity counted and Enter; F9 submits the count for approval, Esc goes back.
class CountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CountsPage)

public:
    CountsPage(CacheDatabase &cache, ScanFeedback &feedback, QWidget *parent = nullptr);
    ~CountsPage() override;

    void reload();
    void handleScan(const QString &code);
    const QList<CountSession> &sessions() const { return m_sessions; }
    const std::optional<CountSession> &session() const { return m_session; }
    QString currentBin() const { return m_bin; }
    QString feedbackText() const;
    void openSession(const QString &id);

Q_SIGNALS:
    void back();
    void outboxChanged();
    void loaded();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showSession(const CountSession &session);
    void showMessage(ScanFeedback::Kind kind, const QString &text);
    void recordCounted();
    void submitCount();

    CacheDatabase &m_cache;
    ScanFeedback &m_sounds;
    QList<CountSession> m_sessions;
    std::optional<CountSession> m_session;
    QString m_bin;
    std::optional<ScannedProduct> m_product;

    QStackedWidget *m_stack = nullptr;
    QTableWidget *m_sessionTable = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_feedback = nullptr;
    QLabel *m_binLabel = nullptr;
    QLabel *m_productLabel = nullptr;
    QLineEdit *m_counted = nullptr;
    QTableWidget *m_lines = nullptr;
};

} // namespace portico::client
