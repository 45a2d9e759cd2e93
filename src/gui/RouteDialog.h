#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class RouteDialog;
}

namespace kokoa::gui {

class Session;

// Adds a hostname (a route) or changes one, as `kokoactl route add` and
// `route update` do: every field is checked as it is typed by the same rules,
// with the same messages, and OK stays disabled while one is wrong. The store
// has the last word (the zone, the origin, a wildcard's TLS mode); its refusal
// is shown and nothing is stored.
class RouteDialog final : public QDialog
{
    Q_OBJECT

public:
    // existing: the route to change (its hostname stays), or none to add one.
    RouteDialog(Session &session, std::optional<Route> existing, QWidget *parent = nullptr);
    ~RouteDialog() override;

    // Stores the route; stays open with the store's message when refused.
    void accept() override;

    // The first problem of the form as it stands, empty when none.
    QString problem() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void validate();
    // The route the fields describe; an error names the first bad field.
    Result<Route> route() const;
    void retranslate();

    Session &m_session;
    std::optional<Route> m_existing;
    std::unique_ptr<Ui::RouteDialog> m_ui;
};

} // namespace kokoa::gui
