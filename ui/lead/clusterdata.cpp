// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/clusterdata.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace concord::ui {

ClusterData computeClusterData(const std::filesystem::path &project)
{
    const auto store = core::openProject(project, core::OpenMode::ReadOnly);
    ClusterData data;
    data.input = core::clusterInputFromStore(*store); // derives length_mm when none is stored
    core::loadVisualFeatures(*store, data.input);
    data.report = core::findClusters(data.input);
    data.input.features.release(); // the page never needs them; a large project's are big
    return data;
}

QString ruleClassName(const QString &name)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    static const QStringList keywords{QStringLiteral("when"), QStringLiteral("if"),    QStringLiteral("else"),
                                      QStringLiteral("and"),  QStringLiteral("or"),    QStringLiteral("not"),
                                      QStringLiteral("in"),   QStringLiteral("is"),    QStringLiteral("known"),
                                      QStringLiteral("unknown"), QStringLiteral("label"), QStringLiteral("keep")};
    if (bare.match(name).hasMatch() && !keywords.contains(name))
        return name;
    QString escaped = name;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

namespace {

/// A number as the rule language writes it: plain decimal, no exponent, at most 2 decimals
/// (a threshold is read in the attribute's unit, e.g. mm; finer than 0.01 is noise here).
QString ruleNumber(double v)
{
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.'))))
        s.chop(1);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

} // namespace

StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster)
{
    StandardSeed seed;
    const QString attribute = QString::fromStdString(cluster.attribute);
    const QString positive = QString::fromStdString(cluster.positiveClass);
    seed.body = QString::fromStdString(cluster.description);
    for (const std::size_t i : cluster.members)
        seed.candidates.push_back(input.items[i].image);
    switch (cluster.kind) {
    case core::ClusterKind::Band:
        seed.attribute = attribute;
        seed.threshold = cluster.suggestedThreshold;
        seed.positiveClass = positive;
        seed.title = positive.isEmpty() ? QObject::tr("%1 threshold").arg(attribute)
                                        : QObject::tr("%1: %2 threshold").arg(positive, attribute);
        break;
    case core::ClusterKind::Categorical:
        seed.title = QObject::tr("%1 = %2").arg(attribute, QString::fromStdString(cluster.value));
        break;
    case core::ClusterKind::Visual:
        seed.title = QObject::tr("Look-alike images (%1)").arg(QString::fromStdString(cluster.value));
        break;
    }
    // A rule only where the cluster says what to decide: a band with a threshold and a
    // two-class confusion whose one side is the class chosen at high values.
    const QString a = QString::fromStdString(cluster.confusionA);
    const QString b = QString::fromStdString(cluster.confusionB);
    if (cluster.kind == core::ClusterKind::Band && cluster.suggestedThreshold
        && std::isfinite(*cluster.suggestedThreshold) && !positive.isEmpty() && (positive == a || positive == b)
        && !a.isEmpty() && !b.isEmpty() && a != b && ruleClassName(attribute) == attribute) {
        const QString negative = positive == a ? b : a;
        seed.rule = QStringLiteral("when label in {%1, %2} and %3 is known: %4 if %3 >= %5 else %6")
                        .arg(ruleClassName(negative), ruleClassName(positive), attribute, ruleClassName(positive),
                             ruleNumber(*cluster.suggestedThreshold), ruleClassName(negative));
    }
    return seed;
}

} // namespace concord::ui
