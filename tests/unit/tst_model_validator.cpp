#include <QTest>

class Placeholder : public QObject
{
    Q_OBJECT
private slots:
    void pending() { QFAIL("not written yet"); }
};

QTEST_GUILESS_MAIN(Placeholder)
#include "tst_model_validator.moc"
