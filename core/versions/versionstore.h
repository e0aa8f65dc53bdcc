// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "versions/aliasconfig.h"
#include "versions/publishedversion.h"
#include "versions/versiondiff.h"
#include "versions/versionerror.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <vector>

struct git_repository;

namespace Lwb {

/**
 * Published versions and aliases of a project's functions, kept as immutable snapshots in a
 * bare git repository (by default `<project>/.lwb/versions.git`), opened with libgit2.
 *
 * Layout of the repository:
 * - `refs/versions/<function>/<n>` → the commit of version n, whose tree holds `code/` (the
 *   code folder: files with their executable bits and symlinks; `.lwb/`, `.git/` and
 *   `__pycache__/` skipped), `configuration.json` (FunctionConfigJson, CodeUri blanked) and
 *   `version.json` (Version, CodeSha256, CodeSize, Description, RevisionId, Created);
 * - `refs/functions/<function>` → the newest version commit ever published (the commits of a
 *   function form a chain), which carries the counter: numbers are never reused, even after
 *   deleteVersion();
 * - `refs/aliases/<function>/<alias>` → a commit whose tree holds `alias.json` (Name,
 *   FunctionVersion, Description, RoutingConfig.AdditionalVersionWeights, RevisionId); its
 *   parent is the alias's previous state, so an alias keeps its history.
 *
 * Ref updates are compare-and-swap, so two processes (an engine and `lwb`) may publish at the
 * same time. Read-only copies of a version's code are cached under `<cacheDir>/<function>/<n>/`
 * (by default `<project>/.lwb/versions/`) for the engine to run.
 *
 * Errors are returned (VersionError, worded like the Lambda API), never thrown; a damaged
 * repository is reported as VersionErrorCode::Corrupt. Not thread-safe: one instance per thread
 * (several instances on one repository are fine).
 */
class LWB_CORE_EXPORT VersionStore
{
public:
    VersionStore();
    ~VersionStore();
    VersionStore(const VersionStore &) = delete;
    VersionStore &operator=(const VersionStore &) = delete;

    /** `<projectDir>/.lwb/versions.git`. */
    static QString defaultRepositoryPath(const QString &projectDir);

    /**
     * Opens the bare repository at @p repositoryPath, creating it (and its folders) when it does
     * not exist or is an empty folder. @p cacheDir defaults to the repository path without
     * ".git" (`.lwb/versions`). A path that exists but is no repository is Corrupt.
     */
    bool open(const QString &repositoryPath, VersionError *error = nullptr,
              const QString &cacheDir = {});
    /** open(defaultRepositoryPath(projectDir)). */
    bool openProject(const QString &projectDir, VersionError *error = nullptr);
    bool isOpen() const { return m_repo != nullptr; }
    void close();
    QString repositoryPath() const { return m_path; }
    QString cacheDir() const { return m_cacheDir; }

    /** Region and account used in the ARNs of error messages (us-east-1, 123456789012). */
    void setAccount(const QString &region, const QString &accountId);

    /**
     * The CodeSha256 of a code folder: base64 of the SHA-256 of a canonical stream, not of a
     * zip. For each entry (same skips as publish), sorted by UTF-8 path:
     * `<git mode in octal> <path>\0<size in decimal>\0<content>` where mode is 100644,
     * 100755 (executable) or 120000 (symlink, content = link target). Independent of
     * timestamps, owners and the folder's location; changes with any content, name or
     * executable bit. @p codeSize receives the summed content sizes.
     */
    static std::optional<QString>
    computeCodeSha256(const QString &codeDir, qint64 *codeSize = nullptr, QString *error = nullptr);

    /**
     * PublishVersion: snapshots @p config (its code folder config.codeDir and the configuration)
     * as the next version of config.functionName. When code and configuration equal those of
     * the newest existing version, that version is returned and nothing is created (the
     * description is not compared, as in Lambda). A non-empty @p expectedCodeSha256 must match
     * the code's (PreconditionFailed otherwise).
     */
    std::optional<PublishedVersion> publish(const FunctionConfig &config,
                                            const QString &description = {},
                                            VersionError *error = nullptr,
                                            const QString &expectedCodeSha256 = {});

    /** Functions with at least one published version (ever), sorted. */
    QStringList functions(VersionError *error = nullptr) const;
    /** The existing version numbers of @p function, ascending ("1", "2", "10"). */
    QStringList versions(const QString &function, VersionError *error = nullptr) const;
    /** ListVersionsByFunction without $LATEST: all existing versions, ascending. */
    std::vector<PublishedVersion> publishedVersions(const QString &function,
                                                    VersionError *error = nullptr) const;
    std::optional<PublishedVersion> version(const QString &function, const QString &version,
                                            VersionError *error = nullptr) const;
    /** The newest existing version; NotFound when there is none. */
    std::optional<PublishedVersion> latestVersion(const QString &function,
                                                  VersionError *error = nullptr) const;
    /** A version's configuration (codeDir empty: see runnableConfiguration()). */
    std::optional<FunctionConfig> configuration(const QString &function, const QString &version,
                                                VersionError *error = nullptr) const;
    /**
     * A version's configuration with codeDir set to its cached, read-only code folder
     * (codeDir()): what the engine needs to run the version.
     */
    std::optional<FunctionConfig> runnableConfiguration(const QString &function,
                                                        const QString &version,
                                                        VersionError *error = nullptr) const;
    /**
     * Deletes a version (DeleteFunction with a version Qualifier). Conflict while an alias
     * points to it; the number is not reused.
     */
    bool deleteVersion(const QString &function, const QString &version,
                       VersionError *error = nullptr);

    /**
     * Writes a version's code into @p targetDir, which must not exist or be empty: files with
     * their executable bits, made read-only (directories stay writable so the copy can be
     * removed). Written into a sibling temporary folder, then renamed.
     */
    bool materialize(const QString &function, const QString &version, const QString &targetDir,
                     VersionError *error = nullptr) const;
    /**
     * The cached code folder of a version, `<cacheDir>/<function>/<n>/code`, materialised on
     * first use. Idempotent and cheap once there (checks a marker holding the commit id); safe
     * against a concurrent materialisation by another process.
     */
    std::optional<QString> codeDir(const QString &function, const QString &version,
                                   VersionError *error = nullptr) const;

    /**
     * CreateAlias from @p alias (function, name, functionVersion, description, weights; its
     * revisionId is ignored). Validated as Lambda does: name pattern, version exists or
     * $LATEST, at most one additional version, a published one different from functionVersion,
     * weight within 0.0..1.0, no $LATEST with routing. Conflict when it exists.
     */
    std::optional<AliasConfig> createAlias(const AliasConfig &alias, VersionError *error = nullptr);
    /** UpdateAlias; same validation as createAlias(), PreconditionFailed on a stale revisionId. */
    std::optional<AliasConfig> updateAlias(const QString &function, const QString &name,
                                           const AliasUpdate &update,
                                           VersionError *error = nullptr);
    std::optional<AliasConfig> alias(const QString &function, const QString &name,
                                     VersionError *error = nullptr) const;
    /** ListAliases, sorted by name; with @p functionVersion only the aliases routing to it. */
    std::vector<AliasConfig> aliases(const QString &function, VersionError *error = nullptr,
                                     const QString &functionVersion = {}) const;
    bool deleteAlias(const QString &function, const QString &name, VersionError *error = nullptr);

    /** The version one invocation of @p alias runs, given a uniform @p random01 in [0, 1). */
    static QString route(const AliasConfig &alias, double random01);
    /**
     * The version an Invoke qualifier names: "$LATEST" for "" or "$LATEST", the version for a
     * number (NotFound unless published), route() of the alias for an alias name.
     */
    std::optional<QString> resolveQualifier(const QString &function, const QString &qualifier,
                                            double random01, VersionError *error = nullptr) const;

    /** Per-file unified diff of the code and the configuration changes from @p fromVersion to @p
     * toVersion. */
    std::optional<VersionDiff> diff(const QString &function, const QString &fromVersion,
                                    const QString &toVersion, VersionError *error = nullptr) const;

    /**
     * Other histories kept in the repository (DeployHistory's `refs/deployments/<target>`):
     * commits a tree holding the one file @p fileName = @p content on top of @p ref's commit (a
     * root commit when @p ref does not exist yet), with @p message, authored and committed by
     * "Lambda Workbench <lwb@localhost>" at @p time, and moves @p ref to it compare-and-swap,
     * building the commit again on the new parent when another writer (thread or process)
     * moved @p ref meanwhile. @p ref must be a valid reference name under `refs/` outside the
     * versions' own namespaces (InvalidParameter otherwise). Returns the commit's id.
     */
    std::optional<QString> appendCommit(const QString &ref, const QString &fileName,
                                        const QByteArray &content, const QString &message,
                                        const QDateTime &time, VersionError *error = nullptr);
    /** The full names of the references starting with @p prefix, sorted. */
    QStringList references(const QString &prefix, VersionError *error = nullptr) const;
    /**
     * The content of @p fileName in each commit of @p ref's first-parent chain, newest first;
     * empty when @p ref does not exist, Corrupt when a commit lacks the file.
     */
    std::optional<std::vector<QByteArray>> fileHistory(const QString &ref, const QString &fileName,
                                                       VersionError *error = nullptr) const;

private:
    /** Clears @p error; false (and @p error set) when closed or @p function is not a valid name. */
    bool beginOperation(const QString &function, VersionError *error) const;
    QString functionArn(const QString &function, const QString &qualifier = {}) const;

    git_repository *m_repo = nullptr;
    QString m_path;
    QString m_cacheDir;
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
};

} // namespace Lwb
