// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduleexpression.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QStringList>

using namespace Qt::StringLiterals;

namespace Lwb::Schedule {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199;

const QStringList kMonthNames = {u"JAN"_s, u"FEB"_s, u"MAR"_s, u"APR"_s, u"MAY"_s, u"JUN"_s,
                                 u"JUL"_s, u"AUG"_s, u"SEP"_s, u"OCT"_s, u"NOV"_s, u"DEC"_s};
const QStringList kDayNames = {u"SUN"_s, u"MON"_s, u"TUE"_s, u"WED"_s, u"THU"_s, u"FRI"_s, u"SAT"_s};

struct Field
{
    const char *name;
    int low;
    int high;
    const QStringList *names; ///< names for low, low + 1, …
};

/** A value of a field: a number or (months, weekdays) a name. */
std::optional<int> value(const QString &text, const Field &field)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (ok) {
        return n >= field.low && n <= field.high ? std::optional<int>(n) : std::nullopt;
    }
    if (field.names) {
        const qsizetype i = field.names->indexOf(text.toUpper());
        if (i >= 0) {
            return field.low + int(i);
        }
    }
    return std::nullopt;
}

/** Sets the bits a field's list names: *, a, a-b, a/n, a-b/n and star-slash-n, comma-separated. */
template<size_t N>
bool parseList(const QString &text, const Field &field, std::bitset<N> *bits, int offset, QString *error)
{
    for (const QString &item : text.split(u',')) {
        QString range = item;
        int step = 1;
        const qsizetype slash = item.indexOf(u'/');
        if (slash >= 0) {
            bool ok = false;
            step = item.mid(slash + 1).toInt(&ok);
            if (!ok || step < 1) {
                *error = u"bad increment \"%1\" in the %2 field"_s.arg(item, QLatin1StringView(field.name));
                return false;
            }
            range = item.left(slash);
        }
        int from = field.low;
        int to = field.high;
        if (range != u"*"_s) {
            const qsizetype dash = range.indexOf(u'-');
            const std::optional<int> a = value(dash >= 0 ? range.left(dash) : range, field);
            const std::optional<int> b = dash >= 0 ? value(range.mid(dash + 1), field) : a;
            if (!a || !b || *a > *b) {
                *error = u"\"%1\" is not a valid value of the %2 field (%3-%4)"_s.arg(
                    item, QLatin1StringView(field.name)).arg(field.low).arg(field.high);
                return false;
            }
            from = *a;
            to = slash >= 0 && dash < 0 ? field.high : *b; // "5/15": from 5 on
        }
        for (int v = from; v <= to; v += step) {
            bits->set(size_t(v - offset));
        }
    }
    return true;
}

int daysInMonth(const QDate &date)
{
    return date.daysInMonth();
}

} // namespace

std::optional<ScheduleExpression> ScheduleExpression::parse(const QString &rawText, QString *error,
                                                            const QTimeZone &zone)
{
    const QString text = rawText.trimmed();
    ScheduleExpression e;
    e.m_text = text;
    e.m_zone = zone.isValid() ? zone : QTimeZone::utc();

    static const QRegularExpression ratePattern(u"^rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)$"_s);
    static const QRegularExpression cronPattern(u"^cron\\((.*)\\)$"_s);
    static const QRegularExpression atPattern(u"^at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)$"_s);

    if (const QRegularExpressionMatch m = ratePattern.match(text); m.hasMatch()) {
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        const QString unit = m.captured(2);
        const QString singular = unit.endsWith(u's') ? unit.chopped(1) : unit;
        const qint64 unitSeconds = singular == u"minute"_s ? 60 : singular == u"hour"_s ? 3600
                                                           : singular == u"day"_s    ? 86400
                                                                                    : 0;
        if (!ok || n < 1 || unitSeconds == 0) {
            *error = u"rate() takes a positive whole number and minute(s), hour(s) or day(s)"_s;
            return std::nullopt;
        }
        // EventBridge is strict: rate(1 minute) but rate(5 minutes).
        if ((n == 1) != (unit == singular)) {
            *error = n == 1 ? u"a rate of 1 takes the singular unit: rate(1 %1)"_s.arg(singular)
                            : u"a rate above 1 takes the plural unit: rate(%1 %2s)"_s.arg(n).arg(singular);
            return std::nullopt;
        }
        e.m_kind = Kind::Rate;
        e.m_rateSeconds = n * unitSeconds;
        return e;
    }

    if (const QRegularExpressionMatch m = atPattern.match(text); m.hasMatch()) {
        const QDateTime local = QDateTime::fromString(m.captured(1), Qt::ISODate);
        if (!local.isValid()) {
            *error = u"at() takes a date and time yyyy-mm-ddThh:mm:ss"_s;
            return std::nullopt;
        }
        e.m_kind = Kind::At;
        e.m_at = QDateTime(local.date(), local.time(), e.m_zone).toUTC();
        return e;
    }

    const QRegularExpressionMatch cron = cronPattern.match(text);
    if (!cron.hasMatch()) {
        *error = u"a schedule expression is rate(value unit), cron(fields) or at(date)"_s;
        return std::nullopt;
    }
    const QStringList fields = cron.captured(1).simplified().split(u' ');
    if (fields.size() != 6) {
        *error = u"cron() takes six fields: minutes hours day-of-month month day-of-week year "
                 "(it has %1)"_s.arg(fields.size());
        return std::nullopt;
    }
    e.m_kind = Kind::Cron;
    static const Field minutes{"minutes", 0, 59, nullptr};
    static const Field hours{"hours", 0, 23, nullptr};
    static const Field dom{"day-of-month", 1, 31, nullptr};
    static const Field month{"month", 1, 12, &kMonthNames};
    static const Field dow{"day-of-week", 1, 7, &kDayNames};
    static const Field year{"year", kFirstYear, kLastYear, nullptr};

    if (!parseList(fields[0], minutes, &e.m_minutes, 0, error) ||
        !parseList(fields[1], hours, &e.m_hours, 0, error) ||
        !parseList(fields[3], month, &e.m_months, 0, error) ||
        !parseList(fields[5], year, &e.m_years, kFirstYear, error)) {
        return std::nullopt;
    }

    const QString domText = fields[2].toUpper();
    const QString dowText = fields[4].toUpper();
    if ((domText == u"?"_s) == (dowText == u"?"_s)) {
        *error = u"one of day-of-month and day-of-week must be ? (and only one)"_s;
        return std::nullopt;
    }
    static const QRegularExpression weekdayNear(u"^(\\d{1,2})W$"_s);
    static const QRegularExpression lastOfWeekday(u"^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)L$"_s);
    static const QRegularExpression nthOfWeekday(u"^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)#([1-5])$"_s);
    if (domText == u"?"_s) {
        e.m_anyDayOfMonth = true;
        if (dowText == u"L"_s) {
            e.m_lastDayOfWeek = 7; // the last day of the week: Saturday
        } else if (const auto m = lastOfWeekday.match(dowText); m.hasMatch()) {
            e.m_lastDayOfWeek = *value(m.captured(1), dow);
        } else if (const auto n = nthOfWeekday.match(dowText); n.hasMatch()) {
            e.m_nthDayOfWeek = *value(n.captured(1), dow);
            e.m_nthOccurrence = n.captured(2).toInt();
        } else if (!parseList(dowText, dow, &e.m_daysOfWeek, 0, error)) {
            return std::nullopt;
        }
    } else if (domText == u"L"_s) {
        e.m_lastDayOfMonth = true;
    } else if (domText == u"LW"_s) {
        e.m_lastWeekdayOfMonth = true;
    } else if (const auto w = weekdayNear.match(domText); w.hasMatch()) {
        e.m_nearestWeekdayTo = w.captured(1).toInt();
        if (e.m_nearestWeekdayTo < 1 || e.m_nearestWeekdayTo > 31) {
            *error = u"\"%1\" is not a valid value of the day-of-month field (1-31)"_s.arg(domText);
            return std::nullopt;
        }
    } else if (!parseList(domText, dom, &e.m_daysOfMonth, 0, error)) {
        return std::nullopt;
    }
    if (e.nextFireTimes(QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc()), 1).empty()) {
        *error = u"the expression never fires"_s;
        return std::nullopt;
    }
    return e;
}

bool ScheduleExpression::matchesDay(const QDate &date) const
{
    if (date.year() < kFirstYear || date.year() > kLastYear || !m_years.test(size_t(date.year() - kFirstYear)) ||
        !m_months.test(size_t(date.month()))) {
        return false;
    }
    const int day = date.day();
    const int last = daysInMonth(date);
    const int weekday = date.dayOfWeek() % 7 + 1; // Qt: Monday 1 … Sunday 7; cron: Sunday 1
    if (m_anyDayOfMonth) {
        if (m_lastDayOfWeek) {
            return weekday == m_lastDayOfWeek && day + 7 > last;
        }
        if (m_nthDayOfWeek) {
            return weekday == m_nthDayOfWeek && (day - 1) / 7 + 1 == m_nthOccurrence;
        }
        return m_daysOfWeek.test(size_t(weekday));
    }
    auto isWeekend = [](const QDate &d) { return d.dayOfWeek() >= 6; };
    if (m_lastDayOfMonth) {
        return day == last;
    }
    if (m_lastWeekdayOfMonth) {
        QDate d(date.year(), date.month(), last);
        while (isWeekend(d)) {
            d = d.addDays(-1);
        }
        return d == date;
    }
    if (m_nearestWeekdayTo) {
        if (m_nearestWeekdayTo > last) {
            return false;
        }
        // The weekday nearest to the given day, without leaving the month.
        QDate target(date.year(), date.month(), m_nearestWeekdayTo);
        if (target.dayOfWeek() == 6) {
            target = m_nearestWeekdayTo == 1 ? target.addDays(2) : target.addDays(-1);
        } else if (target.dayOfWeek() == 7) {
            target = m_nearestWeekdayTo == last ? target.addDays(-2) : target.addDays(1);
        }
        return target == date;
    }
    return m_daysOfMonth.test(size_t(day));
}

QDateTime ScheduleExpression::next(const QDateTime &after, const QDateTime &rateStart) const
{
    switch (m_kind) {
    case Kind::At:
        return m_at > after ? m_at : QDateTime();
    case Kind::Rate: {
        const QDateTime anchor = (rateStart.isValid() ? rateStart : after).toUTC();
        const qint64 elapsed = anchor.secsTo(after);
        const qint64 periods = elapsed < 0 ? 0 : elapsed / m_rateSeconds + 1;
        return anchor.addSecs(periods * m_rateSeconds);
    }
    case Kind::Cron:
        break;
    }
    // Day by day in the schedule's time zone, then the first matching minute of a matching
    // day: at most ~84,000 days up to 2199, each checked in constant time.
    const QDateTime start = after.toTimeZone(m_zone).addSecs(60 - after.time().second());
    QDate date = start.date();
    QTime from(start.time().hour(), start.time().minute());
    for (; date.year() <= kLastYear; date = date.addDays(1), from = QTime(0, 0)) {
        if (!matchesDay(date)) {
            continue;
        }
        for (int h = from.hour(); h < 24; ++h) {
            if (!m_hours.test(size_t(h))) {
                continue;
            }
            for (int m = h == from.hour() ? from.minute() : 0; m < 60; ++m) {
                if (m_minutes.test(size_t(m))) {
                    const QDateTime fire = QDateTime(date, QTime(h, m), m_zone).toUTC();
                    if (fire > after) {
                        return fire;
                    }
                }
            }
        }
    }
    return {};
}

std::vector<QDateTime> ScheduleExpression::nextFireTimes(const QDateTime &after, int count,
                                                         const QDateTime &rateStart) const
{
    std::vector<QDateTime> times;
    QDateTime t = after;
    for (int i = 0; i < count; ++i) {
        t = next(t, rateStart.isValid() ? rateStart : after);
        if (!t.isValid()) {
            break;
        }
        times.push_back(t);
    }
    return times;
}

} // namespace Lwb::Schedule
