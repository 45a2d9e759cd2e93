#pragma once

#include "app/StatusReport.h"
#include "gui/DashboardCertificateModel.h"
#include "gui/DashboardEdgeModel.h"
#include "gui/DashboardHostnameModel.h"
#include "gui/StatusSummary.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;
class QGroupBox;

namespace kokoa::gui {

// The dashboard: the overall state, who changes DNS (the lease holder) and
// the monitors' heartbeats, DNS changes held back, then every edge and every
// hostname with the edges in its DNS answer. Shows StatusReports; reads
// nothing itself.
class DashboardPage final : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);

    void setReport(const StatusReport &report);
    // The same with its summary, computed once for the page and the tray;
    // it must be StatusSummary::of(report, paused) with this page's paused.
    void setReport(const StatusReport &report, const StatusSummary &summary);
    // The edges and hostnames before any health is read (the configuration
    // alone): rows at once, states "not checked yet".
    void setConfiguration(const Topology &topology);
    // The window's own monitor: paused by the user, or running.
    void setMonitoring(bool paused, bool running);
    // Shown once at the top where the desktop has no system tray.
    void setNoTrayNotice(bool shown);
    // A problem of the window's own monitoring (empty: none).
    void setProblem(const QString &text);

    DashboardEdgeModel &edgeModel() { return m_edges; }
    DashboardHostnameModel &hostnameModel() { return m_hostnames; }
    DashboardCertificateModel &certificateModel() { return m_certificates; }
    // Shown only once certificates exist.
    bool certificatesShown() const;
    QString leaseHolderText() const;
    QString overallText() const;

signals:
    // The user asks to pause (true) or resume (false) this window's monitoring.
    void pauseRequested(bool pause);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void showReport();
    QString monitorsText() const;
    QString heldBackText() const;

    DashboardEdgeModel m_edges;
    DashboardHostnameModel m_hostnames;
    DashboardCertificateModel m_certificates;
    StatusReport m_report;
    bool m_haveReport = false;
    StatusSummary m_summary;                              // of m_report, with m_paused
    std::optional<StatusSummary::Overall> m_shownOverall; // the icon shown
    bool m_paused = false;
    bool m_running = false;
    QString m_problem;

    QLabel *m_noTray = nullptr;
    QLabel *m_overallIcon = nullptr;
    QLabel *m_overall = nullptr;
    QLabel *m_leaseHolder = nullptr;
    QLabel *m_monitors = nullptr;
    QLabel *m_heldBack = nullptr;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_pause = nullptr;
    QGroupBox *m_edgeBox = nullptr;
    QGroupBox *m_hostBox = nullptr;
    QGroupBox *m_certificateBox = nullptr;
    QLabel *m_noEdges = nullptr;
    QTableView *m_edgeView = nullptr;
    QTableView *m_hostView = nullptr;
};

} // namespace kokoa::gui
