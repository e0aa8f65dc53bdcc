// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb plugins`: the trigger plugins found, what each provides, and why any was rejected —
// the CLI's "About Plugins".
#include "clicommand.h"

#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCommandLineParser>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int plugins(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"List the trigger plugins: where they were searched for (LWB_PLUGIN_PATH first, then "
        "the build tree, then the installed folder), which loaded, the SAM event types each "
        "handles, and why a plugin was rejected. Exit status 1 when any was rejected."_s);
    parser.addHelpOption();
    const QCommandLineOption outputOption({u"o"_s, u"output"_s}, u"table (default) or json."_s,
                                          u"format"_s, u"table"_s);
    parser.addOption(outputOption);
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }

    PluginManager manager;
    manager.loadAll();
    if (parser.value(outputOption) == u"json"_s) {
        nlohmann::json list = nlohmann::json::array();
        for (const PluginSpec &spec : manager.plugins()) {
            nlohmann::json types = nlohmann::json::array();
            for (const QString &t : spec.triggerTypes) {
                types.push_back(t.toStdString());
            }
            list.push_back({{"id", spec.id.toStdString()},
                            {"name", spec.name.toStdString()},
                            {"version", spec.version.toStdString()},
                            {"file", spec.fileName.toStdString()},
                            {"triggerTypes", types},
                            {"loaded", spec.isLoaded()},
                            {"error", spec.error.toStdString()}});
        }
        nlohmann::json paths = nlohmann::json::array();
        for (const QString &p : manager.searchPaths()) {
            paths.push_back(p.toStdString());
        }
        printOut(QByteArray::fromStdString(nlohmann::json{{"searchPaths", paths}, {"plugins", list}}.dump(2)) +
                 '\n');
    } else {
        printOut((u"Searched: %1\n"_s.arg(manager.searchPaths().join(u", "_s))).toUtf8());
        if (manager.plugins().empty()) {
            printOut((u"No trigger plugins found.\n"_s).toUtf8());
        }
        for (const PluginSpec &spec : manager.plugins()) {
            if (spec.isLoaded()) {
                printOut((u"  %1 %2  %3  [%4]\n"_s.arg(spec.id, spec.version, spec.name,
                                                       spec.triggerTypes.join(u", "_s))).toUtf8());
            } else {
                printOut((u"  REJECTED %1: %2\n"_s.arg(spec.fileName, spec.error)).toUtf8());
            }
        }
    }
    return manager.errors().isEmpty() ? 0 : 1;
}

const CliCommandRegistration registration({
    u"plugins"_s,
    u"plugins [-o table|json]"_s,
    u"List the trigger plugins, what they handle and why any was rejected"_s,
    plugins,
});

} // namespace

} // namespace Lwb
