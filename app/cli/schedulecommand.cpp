// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local schedule`: the next fire times of every Schedule / ScheduleV2 event of the
// template, as the schedule plugin computes them.
#include "clicommand.h"
#include "projectoptions.h"

#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int schedule(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print the next fire times (UTC) of the template's Schedule and ScheduleV2 events: "
        "rate(), cron() with EventBridge's six fields and ? L W #, at(), time zones, "
        "Enabled/State, StartDate/EndDate."_s);
    parser.addHelpOption();
    const QCommandLineOption nextOption(u"next"_s, u"How many fire times to list (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption functionOption(u"function"_s, u"Only this function (logical id)."_s, u"id"_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOptions({nextOption, functionOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    bool ok = false;
    const int count = parser.value(nextOption).toInt(&ok);
    if (!ok || count < 1 || count > 1000) {
        printErr(u"Error: --next must be a number from 1 to 1000\n"_s);
        return 2;
    }
    const std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project || project->hasErrors) {
        return 1;
    }
    PluginManager plugins;
    plugins.loadAll();

    int schedules = 0;
    int failures = 0;
    for (const FunctionConfig &f : project->functions) {
        if (parser.isSet(functionOption) && f.logicalId != parser.value(functionOption)) {
            continue;
        }
        for (auto it = f.events.begin(); it != f.events.end(); ++it) {
            const QString type = QString::fromStdString(it.value().value("Type", std::string()));
            if (type != u"Schedule"_s && type != u"ScheduleV2"_s) {
                continue;
            }
            ++schedules;
            const QString where = u"%1 %2 (%3)"_s.arg(f.logicalId, QString::fromStdString(it.key()), type);
            TriggerFactory *factory = plugins.factoryForEventType(type);
            if (!factory) {
                printErr(u"%1: no plugin handles %2 events (see `lwb plugins`)\n"_s.arg(where, type));
                ++failures;
                continue;
            }
            QString error;
            const nlohmann::json preview = factory->preview(
                type, it.value().value("Properties", nlohmann::json::object()), count, &error);
            if (preview.is_null()) {
                printErr(u"%1: %2\n"_s.arg(where, error));
                ++failures;
                continue;
            }
            printOut(u"%1: %2%3\n"_s
                         .arg(where, QString::fromStdString(preview.value("expression", std::string())),
                              preview.value("enabled", true) ? QString() : u" [disabled]"_s)
                         .toUtf8());
            for (const auto &t : preview["nextFireTimes"]) {
                printOut("  " + QByteArray::fromStdString(t.get<std::string>()) + '\n');
            }
        }
    }
    if (schedules == 0) {
        printErr(u"No Schedule or ScheduleV2 events in %1\n"_s.arg(project->templatePath));
    }
    return failures == 0 ? 0 : 1;
}

const CliCommandRegistration registration({
    u"local schedule"_s,
    u"local schedule [-t template.yaml] [--next 5] [--function Id]"_s,
    u"List the next fire times of the template's Schedule events"_s,
    schedule,
});

} // namespace

} // namespace Lwb
