#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace kokoa::gui {

class Session;

// Changes a stored edge in place, as `kokoactl edge update` does: its SSH
// address, public addresses and profile, checked as typed by the same rules,
// stored through Store::updateEdge (its name and tunnel address stay).
class EdgeDialog final : public QDialog
{
    Q_OBJECT

public:
    EdgeDialog(Session &session, Edge edge, QWidget *parent = nullptr);
    ~EdgeDialog() override;

    void accept() override;
    QString problem() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    Result<Edge> edge() const;
    void validate();
    void retranslate();

    Session &m_session;
    Edge m_edge;
    QFormLayout *m_form;
    QLineEdit *m_ssh;
    QLineEdit *m_ipv4;
    QLineEdit *m_ipv6;
    QComboBox *m_profile;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace kokoa::gui
