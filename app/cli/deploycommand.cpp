// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb deploy`: package the template's functions and deploy them through the Lambda API — to a
// local engine (`--endpoint-url`, e.g. `lwb local start-lambda`) or to AWS Lambda — with
// versions, aliases, canary weights and rollbacks. Each deploy is recorded in the project's
// version history (commits on refs/deployments/<target> of .lwb/versions.git).
#include "clicommand.h"
#include "projectoptions.h"

#include "deploy/awscredentials.h"
#include "deploy/deployer.h"
#include "deploy/deployhistory.h"
#include "deploy/deploytarget.h"
#include "deploy/lambdaclient.h"

#include <QtCore/QDir>
#include <QtCore/QEventLoop>
#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

void printPlan(const DeployPlan &plan)
{
    QString text;
    for (const QString &line : plan.describe()) {
        text += u"  "_s + line + u'\n';
    }
    printOut(text.toUtf8());
}

int deploy(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Package the functions of a SAM template (deterministic zips: an unchanged function "
        "keeps its CodeSha256 and is not uploaded again) and deploy them through the Lambda API: "
        "create or update code and configuration, wait until LastUpdateStatus is Successful, "
        "and with --alias publish a version and point the alias at it (--canary: shift only "
        "PERCENT of the alias's traffic; deploy again without --canary to shift all of it). "
        "--rollback moves the alias back to an earlier version.\n\n"
        "Without --endpoint-url the target is AWS Lambda in the region of --region, "
        "AWS_REGION, AWS_DEFAULT_REGION or the profile, signed with the standard credential "
        "chain (environment, ~/.aws/credentials and ~/.aws/config profiles, "
        "credential_process). With --endpoint-url (e.g. a running `lwb local start-lambda`) "
        "the same calls go there; without credentials the local engine's test/test is used.\n\n"
        "Every deploy is recorded in the project's version history (.lwb/versions.git, "
        "refs/deployments/<target>)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"FunctionLogicalId"_s, u"Functions to deploy; all of the template's when none is given."_s,
        u"[FunctionLogicalId...]"_s);
    const QCommandLineOption endpointOption(u"endpoint-url"_s,
                                            u"Send the API calls here instead of AWS."_s, u"url"_s);
    const QCommandLineOption profileOption(u"profile"_s, u"The AWS profile to use."_s,
                                           u"profile"_s);
    const QCommandLineOption regionOption(u"region"_s, u"The AWS region."_s, u"region"_s);
    const QCommandLineOption aliasOption(
        u"alias"_s,
        u"Publish a version and point this alias at it (default: the function's "
        "AutoPublishAlias)."_s,
        u"alias"_s);
    const QCommandLineOption canaryOption(
        u"canary"_s, u"Send only PERCENT (1-99) of the alias's traffic to the new version."_s,
        u"percent"_s);
    const QCommandLineOption rollbackOption(
        u"rollback"_s, u"Move the alias back to this version; nothing is uploaded."_s,
        u"version"_s);
    const QCommandLineOption roleOption(
        u"role"_s, u"Execution role ARN for functions whose template names none."_s, u"arn"_s);
    const QCommandLineOption dryRunOption(
        u"dry-run"_s,
        u"Print the differences and the API calls a deploy would make; change nothing."_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOptions({endpointOption, profileOption, regionOption, aliasOption, canaryOption,
                       rollbackOption, roleOption, dryRunOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    int canary = 0;
    if (parser.isSet(canaryOption)) {
        bool ok = false;
        canary = parser.value(canaryOption).toInt(&ok);
        if (!ok || canary < 1 || canary > 99) {
            printErr(u"Error: --canary takes a percentage from 1 to 99.\n"_s);
            return 2;
        }
    }
    if (parser.isSet(rollbackOption) && parser.isSet(canaryOption)) {
        printErr(u"Error: --rollback and --canary do not go together.\n"_s);
        return 2;
    }

    const std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project) {
        return 1;
    }
    std::vector<const FunctionConfig *> functions;
    const QStringList wanted = parser.positionalArguments();
    for (const QString &id : wanted) {
        const FunctionConfig *function = project->function(id);
        if (!function) {
            printErr(
                u"Error: Function %1 not found. Possible options in your template: [%2]\n"_s.arg(
                    id, project->logicalIds().join(u", "_s)));
            return 1;
        }
        functions.push_back(function);
    }
    if (wanted.isEmpty()) {
        for (const FunctionConfig &function : project->functions) {
            functions.push_back(&function);
        }
    }
    for (const FunctionConfig *function : functions) {
        if (project->brokenFunctions.contains(function->logicalId)) {
            return 1;
        }
    }
    if (functions.empty()) {
        printErr(u"Error: the template has no functions to deploy.\n"_s);
        return 1;
    }

    // The target and its credentials.
    DeployTarget target;
    if (parser.isSet(endpointOption)) {
        target.endpointUrl = QUrl(parser.value(endpointOption), QUrl::StrictMode);
        if (!DeployTarget::isEndpointUrl(target.endpointUrl)) {
            printErr(u"Error: --endpoint-url needs an http:// or https:// URL, not '%1'.\n"_s.arg(
                parser.value(endpointOption)));
            return 2;
        }
    }
    target.profile = parser.value(profileOption);
    target.region = parser.value(regionOption);
    QString error;
    const std::optional<LambdaEndpoint> resolved =
        target.resolve(QProcessEnvironment::systemEnvironment(), &error);
    if (!resolved) {
        printErr(u"Error: %1\n"_s.arg(error));
        return 1;
    }
    const LambdaEndpoint endpoint = *resolved;

    LambdaClient client(endpoint);
    Deployer deployer(&client);
    const QString projectDir = QFileInfo(project->templatePath).absolutePath();
    bool allOk = true;
    for (const FunctionConfig *function : functions) {
        DeployOptions options;
        options.alias =
            parser.isSet(aliasOption) ? parser.value(aliasOption) : function->autoPublishAlias;
        if (canary > 0 && options.alias.isEmpty()) {
            printErr(
                u"Error: --canary shifts an alias's traffic: name it (--alias) for %1.\n"_s.arg(
                    function->logicalId));
            allOk = false;
            continue;
        }
        options.canaryPercent = canary;
        options.rollbackVersion = parser.value(rollbackOption);
        options.dryRun = parser.isSet(dryRunOption);
        options.historyFile = DeployHistory::defaultPath(projectDir);
        options.role = target.role(*function, parser.value(roleOption), &error);
        if (options.role.isEmpty()) {
            printErr(u"Error: %1.\n"_s.arg(error));
            allOk = false;
            continue;
        }
        printOut(u"%1 %2 (%3) to %4 (%5)\n"_s
                     .arg(options.dryRun ? u"Dry run: would deploy"_s : u"Deploying"_s,
                          function->logicalId, function->functionName,
                          endpoint.url.toDisplayString(), endpoint.region)
                     .toUtf8());
        QEventLoop loop;
        DeployOutcome outcome;
        const auto planned = QObject::connect(&deployer, &Deployer::planned,
                                              [&](const DeployPlan &plan) { printPlan(plan); });
        const auto progress =
            QObject::connect(&deployer, &Deployer::progress,
                             [](const QString &line) { printOut((line + u'\n').toUtf8()); });
        const auto finished =
            QObject::connect(&deployer, &Deployer::finished, [&](const DeployOutcome &result) {
                outcome = result;
                loop.quit();
            });
        QMetaObject::invokeMethod(
            &deployer, [&] { deployer.deploy(*function, options); }, Qt::QueuedConnection);
        loop.exec();
        QObject::disconnect(planned);
        QObject::disconnect(progress);
        QObject::disconnect(finished);
        if (!outcome.ok) {
            printErr(u"Error: %1\n"_s.arg(outcome.error));
            allOk = false;
            continue;
        }
        if (options.dryRun) {
            continue;
        }
        QString summary = u"Deployed %1"_s.arg(outcome.functionName);
        if (!outcome.version.isEmpty()) {
            summary += u": version %1"_s.arg(outcome.version);
        }
        if (!outcome.aliasVersion.isEmpty()) {
            summary += u", alias %1 → %2"_s.arg(options.alias, outcome.aliasVersion);
            for (auto it = outcome.weights.cbegin(); it != outcome.weights.cend(); ++it) {
                summary += u" (+ %1 % to %2)"_s.arg(it.value() * 100).arg(it.key());
            }
        }
        printOut((summary + u'\n').toUtf8());
    }
    return allOk ? 0 : 1;
}

const CliCommandRegistration registration({
    u"deploy"_s,
    u"deploy [FunctionLogicalId...] [--endpoint-url URL] [--alias A [--canary P]] [--rollback V] [--dry-run]"_s,
    u"Package and deploy functions to AWS Lambda or a local engine"_s,
    deploy,
});

} // namespace

} // namespace Lwb
