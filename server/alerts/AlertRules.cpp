#include "alerts/AlertRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sender::alerts {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Critical:
        return u"critical"_s;
    }
    return {};
}

std::optional<Severity> severityFromName(QStringView name)
{
    if (name == u"info")
        return Severity::Info;
    if (name == u"warning")
        return Severity::Warning;
    if (name == u"critical")
        return Severity::Critical;
    return std::nullopt;
}

namespace {

const QStringList kRuleKeys = {u"name"_s, u"severity"_s, u"condition"_s, u"accounts"_s,
                               u"quiet_seconds"_s};

const QString kNotLag = u"\x01"_s;
constexpr double kMaxLagSeconds = 86400;

// A condition of lag terms only makes a lag rule: fills its thresholds and returns "" (or why it
// is wrong). kNotLag: no lag term at all, the condition is a subscription query.
QString parseLagCondition(AlertRule *rule)
{
    const QStringList terms = rule->condition.split(u'&', Qt::SkipEmptyParts);
    const auto isLagTerm = [](const QString &t) {
        return t.trimmed().startsWith(u"lag_");
    };
    if (std::none_of(terms.begin(), terms.end(), isLagTerm))
        return kNotLag;
    if (!std::all_of(terms.begin(), terms.end(), isLagTerm))
        return u"'condition': lag terms (lag_events__gt, lag_seconds__gt) cannot be mixed with "
               u"event conditions; make two rules"_s;
    rule->kind = AlertRule::Kind::Lag;
    for (const QString &term : terms) {
        const qsizetype eq = term.indexOf(u'=');
        const QString key = term.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : term.mid(eq + 1).trimmed();
        bool ok = false;
        if (key == u"lag_events__gt") {
            const qulonglong n = value.toULongLong(&ok);
            if (!ok || rule->lagEvents)
                return u"'condition': lag_events__gt takes one whole number of events, e.g. "
                       u"lag_events__gt=1000"_s;
            rule->lagEvents = n;
        } else if (key == u"lag_seconds__gt") {
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds < 0 || seconds > kMaxLagSeconds || rule->lagSeconds)
                return u"'condition': lag_seconds__gt takes one number of seconds from 0 to %1, "
                       u"e.g. lag_seconds__gt=10"_s.arg(kMaxLagSeconds);
            rule->lagSeconds = seconds;
        } else {
            return u"'condition': unknown lag term '%1' (known: lag_events__gt, "
                   u"lag_seconds__gt)"_s.arg(key);
        }
    }
    return {};
}

// Fills *rule from one element of "rules"; on failure returns why, without the rule's prefix.
QString parseRule(const QJsonValue &value, AlertRule *rule)
{
    if (!value.isObject())
        return u"must be an object"_s;
    const QJsonObject o = value.toObject();
    rule->name = o.value(u"name").toString(); // names the rule in the errors below
    // An unknown key is most likely a typo ("quiet_second"): refusing it beats ignoring it.
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kRuleKeys.contains(it.key()))
            return u"unknown key '%1' (expected %2)"_s.arg(it.key(), kRuleKeys.join(u", "_s));
    }
    const QJsonValue name = o.value(u"name");
    if (!name.isString() || name.toString().trimmed().isEmpty()) {
        rule->name.clear();
        return u"'name' must be a non-empty string"_s;
    }
    rule->name = name.toString();
    if (rule->name.size() > 100)
        return u"'name' is longer than 100 characters"_s;

    const QJsonValue severity = o.value(u"severity");
    const std::optional<Severity> s =
        severity.isString() ? severityFromName(severity.toString()) : std::nullopt;
    if (!s)
        return u"'severity' must be one of info, warning, critical"_s;
    rule->severity = *s;

    const QJsonValue condition = o.value(u"condition");
    if (!condition.isString())
        return u"'condition' must be a string in the subscription query syntax, e.g. "
               u"'liveness=0'"_s;
    rule->condition = condition.toString();
    const QString lag = parseLagCondition(rule);
    if (lag == kNotLag) {
        FilterError filterError;
        std::optional<SubscriptionFilter> filter =
            SubscriptionFilter::parse(rule->condition.toUtf8(), &filterError);
        if (!filter)
            return u"'condition': "_s + filterError.detail;
        rule->filter = std::move(*filter);
    } else if (!lag.isEmpty()) {
        return lag;
    }

    const QJsonValue accounts = o.value(u"accounts");
    if (!accounts.isUndefined() && !accounts.isNull()) {
        if (!accounts.isArray())
            return u"'accounts' must be a list of account UUIDs (empty: every account)"_s;
        const QJsonArray list = accounts.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QUuid id = QUuid::fromString(list.at(i).toString());
            if (!list.at(i).isString() || id.isNull())
                return u"'accounts' item %1 is not an account UUID"_s.arg(i + 1);
            if (!rule->accounts.contains(id))
                rule->accounts.append(id);
        }
    }

    const QJsonValue quiet = o.value(u"quiet_seconds");
    if (!quiet.isUndefined() && !quiet.isNull()) {
        const double q = quiet.toDouble(-1);
        if (!quiet.isDouble() || q != double(qint64(q)) || q < 0
            || q > AlertRuleSet::kMaxQuietSeconds)
            return u"'quiet_seconds' must be a whole number from 0 to %1"_s.arg(
                AlertRuleSet::kMaxQuietSeconds);
        rule->quietSeconds = int(q);
    }
    return {};
}

} // namespace

std::optional<AlertRuleSet> AlertRuleSet::fromJson(QByteArrayView json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"not valid JSON at offset %1: %2"_s.arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject() || !doc.object().value(u"rules").isArray()) {
        *error = u"expected an object {\"rules\": [...]}"_s;
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != u"rules") {
            *error = u"unknown key '%1' (expected only 'rules')"_s.arg(it.key());
            return std::nullopt;
        }
    }
    const QJsonArray list = root.value(u"rules").toArray();
    if (list.size() > kMaxRules) {
        *error = u"%1 rules; at most %2 are allowed"_s.arg(list.size()).arg(kMaxRules);
        return std::nullopt;
    }
    AlertRuleSet set;
    for (qsizetype i = 0; i < list.size(); ++i) {
        AlertRule rule;
        const QString why = parseRule(list.at(i), &rule);
        const QString label = rule.name.isEmpty() ? u"rule %1"_s.arg(i + 1)
                                                  : u"rule %1 ('%2')"_s.arg(i + 1).arg(rule.name);
        if (!why.isEmpty()) {
            *error = label + u": "_s + why;
            return std::nullopt;
        }
        for (const AlertRule &other : std::as_const(set.m_rules)) {
            if (other.name == rule.name) {
                *error = label + u": the name is used by an earlier rule; names must be unique"_s;
                return std::nullopt;
            }
        }
        set.m_rules.append(std::move(rule));
    }
    return set;
}

std::optional<AlertRuleSet> AlertRuleSet::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    // Read no more than the cap (plus one byte to tell "too big"), whatever the file claims.
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes) {
        *error = u"%1 is larger than %2 bytes"_s.arg(path).arg(kMaxFileBytes);
        return std::nullopt;
    }
    QString why;
    std::optional<AlertRuleSet> set = fromJson(data, &why);
    if (!set)
        *error = path + u": "_s + why;
    return set;
}

QByteArray AlertRuleSet::toJson() const
{
    QJsonArray list;
    for (const AlertRule &rule : m_rules) {
        QJsonArray accounts;
        for (const QUuid &a : rule.accounts)
            accounts.append(a.toString(QUuid::WithoutBraces));
        list.append(QJsonObject {{u"name"_s, rule.name},
                                 {u"severity"_s, severityName(rule.severity)},
                                 {u"condition"_s, rule.condition},
                                 {u"accounts"_s, accounts},
                                 {u"quiet_seconds"_s, rule.quietSeconds}});
    }
    return QJsonDocument(QJsonObject {{u"rules"_s, list}}).toJson(QJsonDocument::Indented);
}

bool AlertRuleSet::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray data = toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace sender::alerts
