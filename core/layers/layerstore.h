// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "versions/versionerror.h"

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>
#include <optional>
#include <vector>

class QTemporaryDir;

namespace Lwb {

class Engine;

/** One published layer version (Lambda's LayerVersion). A plain value type. */
struct LWB_CORE_EXPORT LayerVersion
{
    QString name;       ///< LayerName
    qint64 version = 0; ///< 1, 2, … per layer, never reused
    QString description;
    QString licenseInfo;
    QStringList compatibleRuntimes;
    QStringList compatibleArchitectures;
    QString codeSha256;  ///< base64 SHA-256 of the uploaded zip, as Lambda reports it
    qint64 codeSize = 0; ///< bytes of the uploaded zip
    QDateTime created;   ///< UTC, milliseconds
    QString contentDir;  ///< the unzipped content (read-only files), mounted at /opt

    /** CreatedDate in Lambda's format: 2018-11-27T15:10:45.123+0000. */
    QString createdDate() const;
};

/**
 * Published layer versions of a project, kept under `<project>/.lwb/layers/`:
 * `layers/<name>/<n>.json` holds a version's metadata, `layers/<name>/last` the highest number
 * ever issued (numbers are never reused), and the content of each distinct zip is unzipped once
 * into `content/<sha256 hex>/` (files read-only), shared by every version that uploaded the same
 * bytes. A deleted version's metadata is kept as `<n>.deleted.json`, so that functions that
 * already use it keep running, as on Lambda.
 *
 * Functions name layers by version ARN (`arn:aws:lambda:<region>:<account>:layer:<name>:<n>`);
 * install() makes an Engine resolve those to their content folders before an environment starts.
 *
 * Errors come back as VersionError, worded as the Lambda API words them. Several processes may
 * use one folder (publish and delete take a lock file). Use from one thread.
 */
class LWB_CORE_EXPORT LayerStore : public QObject
{
    Q_OBJECT

public:
    /** Largest unzipped layer Lambda accepts (function and layers together: 250 MB). */
    static constexpr qint64 kMaxUnzippedBytes = 262144000;

    explicit LayerStore(QObject *parent = nullptr);
    ~LayerStore() override;

    /** `<projectDir>/.lwb/layers`. */
    static QString defaultPath(const QString &projectDir);

    /** Uses @p rootDir (created when missing); an empty path uses a temporary folder. */
    bool open(const QString &rootDir, QString *errorMessage = nullptr);
    bool isOpen() const { return !m_root.isEmpty(); }
    QString rootDir() const { return m_root; }

    /** Region and account of the ARNs (us-east-1, 123456789012). */
    void setAccount(const QString &region, const QString &accountId);
    QString layerArn(const QString &name) const;
    QString layerVersionArn(const QString &name, qint64 version) const;

    /**
     * The layer name of a LayerName parameter: a name or a layer ARN of this region and account
     * (pattern and length checked as the Lambda API does); nullopt and @p error otherwise.
     */
    std::optional<QString> layerName(const QString &nameOrArn, VersionError *error = nullptr) const;

    /**
     * PublishLayerVersion: unzips @p zip (once per distinct content) and records the next
     * version of @p name with the description, licence and compatibility lists of @p details.
     */
    std::optional<LayerVersion> publish(const QString &name, const QByteArray &zip,
                                        const LayerVersion &details, VersionError *error = nullptr);
    std::optional<LayerVersion> version(const QString &name, qint64 version,
                                        VersionError *error = nullptr) const;
    /** The existing versions of @p name, newest first (as ListLayerVersions lists them). */
    std::vector<LayerVersion> versions(const QString &name) const;
    /** Layers with at least one existing version, sorted. */
    QStringList layers() const;
    /** DeleteLayerVersion: true also when there was no such version (Lambda answers 204). */
    bool deleteVersion(const QString &name, qint64 version, VersionError *error = nullptr);

    /**
     * The content folder of a layer version ARN of this region and account, deleted versions
     * included; nullopt (and @p error) for anything else.
     */
    std::optional<QString> resolve(const QString &layerVersionArn, QString *error = nullptr) const;
    /** Makes @p engine resolve layer ARNs through this store (it must outlive the engine's use). */
    void install(Engine &engine);

    /**
     * Unzips @p zip into @p targetDir (which must not exist): directories, files with their
     * executable bits (made read-only) and symlinks; absolute or `..` paths are refused.
     * @p unzippedBytes receives the summed file sizes; more than @p maxBytes is refused.
     */
    static bool extractZip(const QByteArray &zip, const QString &targetDir, QString *error,
                           qint64 *unzippedBytes = nullptr, qint64 maxBytes = kMaxUnzippedBytes);

private:
    QString layerDir(const QString &name) const;
    std::optional<LayerVersion> read(const QString &path, VersionError *error) const;

    QString m_root;
    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_region = QStringLiteral("us-east-1");
    QString m_accountId = QStringLiteral("123456789012");
};

} // namespace Lwb
