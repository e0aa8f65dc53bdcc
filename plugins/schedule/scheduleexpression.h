// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QTimeZone>

#include <bitset>
#include <optional>
#include <vector>

namespace Lwb::Schedule {

/**
 * An EventBridge schedule expression: `rate(5 minutes)`, `cron(0 12 ? * MON-FRI *)` with its
 * six fields and the `? L W #` rules, or (EventBridge Scheduler) `at(2026-12-01T09:00:00)`.
 * Cron and at() are evaluated in a time zone (UTC unless ScheduleExpressionTimezone says
 * otherwise); schedules have a one-minute granularity. A plain value type.
 */
class ScheduleExpression
{
public:
    enum class Kind { Rate, Cron, At };

    /** Parses @p text; on failure returns nullopt and says why in @p error. */
    static std::optional<ScheduleExpression> parse(const QString &text, QString *error,
                                                   const QTimeZone &zone = QTimeZone::utc());

    Kind kind() const { return m_kind; }
    QString text() const { return m_text; }
    /** The period of a rate() expression, in seconds. */
    qint64 rateSeconds() const { return m_rateSeconds; }

    /**
     * The first fire time strictly after @p after (UTC); invalid when there is none (an at()
     * in the past, a cron whose years are over). Rate schedules count from @p rateStart
     * (when the schedule was enabled; @p after when not given).
     */
    QDateTime next(const QDateTime &after, const QDateTime &rateStart = {}) const;
    /** The next @p count fire times after @p after. */
    std::vector<QDateTime> nextFireTimes(const QDateTime &after, int count,
                                         const QDateTime &rateStart = {}) const;

private:
    bool matchesDay(const QDate &date) const;

    Kind m_kind = Kind::Rate;
    QString m_text;
    QTimeZone m_zone = QTimeZone::utc();
    qint64 m_rateSeconds = 0;
    QDateTime m_at;

    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; ///< 1..31
    std::bitset<13> m_months;      ///< 1..12
    std::bitset<8> m_daysOfWeek;   ///< 1..7, 1 = Sunday
    std::bitset<230> m_years;      ///< 1970..2199
    bool m_anyDayOfMonth = false;  ///< '?' in day-of-month: day-of-week decides
    bool m_lastDayOfMonth = false; ///< L
    bool m_lastWeekdayOfMonth = false; ///< LW
    int m_nearestWeekdayTo = 0;    ///< nW
    int m_lastDayOfWeek = 0;       ///< nL: the last such weekday of the month
    int m_nthDayOfWeek = 0;        ///< n#k: weekday n …
    int m_nthOccurrence = 0;       ///< … its k-th occurrence in the month
};

} // namespace Lwb::Schedule
