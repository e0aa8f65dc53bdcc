// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb lint-policies`: the over-broad grants of a project's function policies (lambda:*, *,
// Resource "*", NotAction, …) and what the engine cannot evaluate, one line per finding, for a
// review or a CI gate (exit status 1 when anything is found).
#include "clicommand.h"
#include "projectoptions.h"

#include "auth/policylinter.h"
#include "engine/engine.h"

#include <QtCore/QCommandLineParser>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int lintPolicies(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Report over-broad grants in the Policies (or template Role) of every function: "
        "Action \"*\" or \"<service>:*\", Resource \"*\", NotAction / NotResource in an Allow, "
        "and statements the local engine cannot evaluate. One line per finding on stdout; exit "
        "status 1 when there is any."_s);
    parser.addHelpOption();
    const QCommandLineOption jsonOption(u"json"_s, u"Print the findings as a JSON list."_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOption(jsonOption);
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    const std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project || project->hasErrors) {
        return 2;
    }
    const EngineOptions defaults;
    const std::vector<PolicyFinding> findings =
        PolicyLinter::lint(project->functions, defaults.region, defaults.accountId);
    if (parser.isSet(jsonOption)) {
        nlohmann::json list = nlohmann::json::array();
        for (const PolicyFinding &f : findings) {
            list.push_back({{"function", f.functionName.toStdString()},
                            {"policy", f.policyName.toStdString()},
                            {"statement", f.statementIndex},
                            {"sid", f.sid.toStdString()},
                            {"message", f.message.toStdString()}});
        }
        printOut(QByteArray::fromStdString(list.dump(2)) + '\n');
    } else {
        QByteArray out;
        for (const PolicyFinding &f : findings) {
            out += f.toString().toUtf8() + '\n';
        }
        printOut(out);
        printErr(u"%1 finding(s) in %2 function(s)\n"_s.arg(findings.size())
                     .arg(project->functions.size()));
    }
    return findings.empty() ? 0 : 1;
}

const CliCommandRegistration registration({
    u"lint-policies"_s,
    u"lint-policies [-t template.yaml] [--json]"_s,
    u"Report over-broad IAM grants in the functions' policies"_s,
    lintPolicies,
});

} // namespace

} // namespace Lwb
