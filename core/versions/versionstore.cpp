// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/versionstore.h"

#include "versions/functionconfigjson.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>
#include <QtCore/QUuid>

#include <git2.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using nlohmann::json;

namespace Lwb {

namespace {

template <typename T, void (*Free)(T *)> struct GitFree
{
    void operator()(T *p) const
    {
        if (p) {
            Free(p);
        }
    }
};
template <typename T, void (*Free)(T *)> using GitPtr = std::unique_ptr<T, GitFree<T, Free>>;

using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using RefPtr = GitPtr<git_reference, git_reference_free>;
using RefIterPtr = GitPtr<git_reference_iterator, git_reference_iterator_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using BuilderPtr = GitPtr<git_treebuilder, git_treebuilder_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using PatchPtr = GitPtr<git_patch, git_patch_free>;
using RepoPtr = GitPtr<git_repository, git_repository_free>;

const QStringList kSkippedDirs = {u".lwb"_s, u".git"_s, u"__pycache__"_s};
constexpr int kPublishAttempts = 8;
constexpr int kAppendAttempts = 64;

QString gitMessage()
{
    const git_error *e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message) : u"unknown libgit2 error"_s;
}

bool fail(VersionError *error, VersionErrorCode code, const QString &message)
{
    if (error) {
        error->code = code;
        error->message = message;
    }
    return false;
}

void clear(VersionError *error)
{
    if (error) {
        *error = VersionError{};
    }
}

bool corrupt(VersionError *error, const QString &what)
{
    return fail(error, VersionErrorCode::Corrupt,
                u"The version repository is damaged: %1: %2"_s.arg(what, gitMessage()));
}

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

std::string stdString(const QString &s)
{
    return s.toStdString();
}

QString qString(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

bool isVersionNumber(const QString &s)
{
    static const QRegularExpression re(u"^[1-9][0-9]{0,9}$"_s);
    return re.match(s).hasMatch();
}

bool validFunctionName(const QString &function, VersionError *error)
{
    static const QRegularExpression re(u"^[a-zA-Z0-9\\-_]{1,64}$"_s);
    if (re.match(function).hasMatch()) {
        return true;
    }
    return fail(error, VersionErrorCode::InvalidParameter,
                u"1 validation error detected: Value '%1' at 'functionName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+"_s.arg(
                    function));
}

QString versionRef(const QString &function, const QString &version)
{
    return u"refs/versions/%1/%2"_s.arg(function, version);
}

QString headRef(const QString &function)
{
    return u"refs/functions/%1"_s.arg(function);
}

QString aliasRef(const QString &function, const QString &name)
{
    return u"refs/aliases/%1/%2"_s.arg(function, name);
}

QString oidString(const git_oid &oid)
{
    char buffer[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, &oid);
    return QString::fromLatin1(buffer);
}

/** The id a ref points to: 1 found, 0 missing, -1 error (reported as corrupt). */
int refTarget(git_repository *repo, const QString &name, git_oid *out, VersionError *error)
{
    const int rc = git_reference_name_to_id(out, repo, utf8(name).constData());
    if (rc == 0) {
        return 1;
    }
    if (rc == GIT_ENOTFOUND) {
        return 0;
    }
    corrupt(error, u"cannot read %1"_s.arg(name));
    return -1;
}

/** Names after @p prefix of the refs matching prefix + "*". */
std::optional<QStringList> refNames(git_repository *repo, const QString &prefix,
                                    VersionError *error)
{
    git_reference_iterator *raw = nullptr;
    if (git_reference_iterator_glob_new(&raw, repo, utf8(prefix + u'*').constData()) != 0) {
        corrupt(error, u"cannot list %1*"_s.arg(prefix));
        return std::nullopt;
    }
    RefIterPtr it(raw);
    QStringList names;
    const char *name = nullptr;
    int rc = 0;
    while ((rc = git_reference_next_name(&name, it.get())) == 0) {
        names.append(QString::fromUtf8(name).mid(prefix.size()));
    }
    if (rc != GIT_ITEROVER) {
        corrupt(error, u"cannot list %1*"_s.arg(prefix));
        return std::nullopt;
    }
    return names;
}

std::optional<QByteArray> blobAt(git_repository *repo, const git_tree *tree, const char *path,
                                 VersionError *error)
{
    git_tree_entry *rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree, path) != 0) {
        corrupt(error, u"%1 missing"_s.arg(QString::fromUtf8(path)));
        return std::nullopt;
    }
    TreeEntryPtr entry(rawEntry);
    git_blob *rawBlob = nullptr;
    if (git_blob_lookup(&rawBlob, repo, git_tree_entry_id(entry.get())) != 0) {
        corrupt(error, u"cannot read %1"_s.arg(QString::fromUtf8(path)));
        return std::nullopt;
    }
    BlobPtr blob(rawBlob);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

std::optional<json> jsonAt(git_repository *repo, const git_tree *tree, const char *path,
                           VersionError *error)
{
    const auto bytes = blobAt(repo, tree, path, error);
    if (!bytes) {
        return std::nullopt;
    }
    json value =
        json::parse(bytes->constData(), bytes->constData() + bytes->size(), nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
        fail(error, VersionErrorCode::Corrupt,
             u"The version repository is damaged: %1 is not a JSON object"_s.arg(
                 QString::fromUtf8(path)));
        return std::nullopt;
    }
    return value;
}

TreePtr commitTree(git_repository *repo, const git_oid &commitId, VersionError *error)
{
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repo, &commitId) != 0) {
        corrupt(error, u"cannot read commit %1"_s.arg(oidString(commitId)));
        return {};
    }
    CommitPtr commit(rawCommit);
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit.get()) != 0) {
        corrupt(error, u"cannot read the tree of commit %1"_s.arg(oidString(commitId)));
        return {};
    }
    return TreePtr(rawTree);
}

/** The `code` subtree of a version tree; null (not an error) when the code folder was empty. */
bool codeTree(git_repository *repo, const git_tree *tree, TreePtr *out, VersionError *error)
{
    const git_tree_entry *entry = git_tree_entry_byname(tree, "code");
    if (!entry) {
        out->reset();
        return true;
    }
    git_tree *raw = nullptr;
    if (git_tree_lookup(&raw, repo, git_tree_entry_id(entry)) != 0) {
        return corrupt(error, u"cannot read code/"_s);
    }
    out->reset(raw);
    return true;
}

std::optional<PublishedVersion> readVersion(git_repository *repo, const QString &function,
                                            const git_oid &commitId, VersionError *error)
{
    TreePtr tree = commitTree(repo, commitId, error);
    if (!tree) {
        return std::nullopt;
    }
    const auto meta = jsonAt(repo, tree.get(), "version.json", error);
    if (!meta) {
        return std::nullopt;
    }
    const auto config = jsonAt(repo, tree.get(), "configuration.json", error);
    if (!config) {
        return std::nullopt;
    }
    PublishedVersion v;
    v.function = function;
    v.version = qString(meta->value("Version", json()));
    v.codeSha256 = qString(meta->value("CodeSha256", json()));
    const json size = meta->value("CodeSize", json(0));
    v.codeSize = size.is_number_integer() ? size.get<qint64>() : 0;
    v.description = qString(meta->value("Description", json()));
    v.revisionId = qString(meta->value("RevisionId", json()));
    v.created =
        QDateTime::fromString(qString(meta->value("Created", json())), Qt::ISODateWithMs).toUTC();
    v.commitId = oidString(commitId);
    v.config = *config;
    if (!isVersionNumber(v.version)) {
        fail(error, VersionErrorCode::Corrupt,
             u"The version repository is damaged: commit %1 has no version number"_s.arg(
                 v.commitId));
        return std::nullopt;
    }
    return v;
}

struct CodeEntry
{
    QByteArray path; ///< '/'-separated, relative to the code folder
    git_filemode_t mode = GIT_FILEMODE_BLOB;
    QByteArray content; ///< file content, or the link target of a symlink
};

bool collectCode(const QString &dir, const QString &relative, std::vector<CodeEntry> &out,
                 QString *error)
{
    const QFileInfoList entries = QDir(dir).entryInfoList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &info : entries) {
        const QString rel =
            relative.isEmpty() ? info.fileName() : relative + u'/' + info.fileName();
        if (info.isSymLink()) {
            std::error_code ec;
            const auto target = std::filesystem::read_symlink(
                std::filesystem::path(QFile::encodeName(info.filePath()).toStdString()), ec);
            if (ec) {
                *error = u"cannot read the link %1: %2"_s.arg(info.filePath(),
                                                              QString::fromStdString(ec.message()));
                return false;
            }
            out.push_back(
                {utf8(rel), GIT_FILEMODE_LINK, QByteArray::fromStdString(target.native())});
        } else if (info.isDir()) {
            if (kSkippedDirs.contains(info.fileName())) {
                continue;
            }
            if (!collectCode(info.filePath(), rel, out, error)) {
                return false;
            }
        } else if (info.isFile()) {
            QFile file(info.filePath());
            if (!file.open(QIODevice::ReadOnly)) {
                *error = u"cannot read %1: %2"_s.arg(info.filePath(), file.errorString());
                return false;
            }
            const bool executable = info.permissions() & QFile::ExeOwner;
            out.push_back({utf8(rel), executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB,
                           file.readAll()});
        }
    }
    return true;
}

std::optional<std::vector<CodeEntry>> readCodeFolder(const QString &codeDir, QString *error)
{
    std::vector<CodeEntry> entries;
    if (codeDir.isEmpty()) {
        return entries;
    }
    if (!QFileInfo(codeDir).isDir()) {
        *error = u"The code folder %1 does not exist"_s.arg(codeDir);
        return std::nullopt;
    }
    if (!collectCode(codeDir, {}, entries, error)) {
        return std::nullopt;
    }
    std::sort(entries.begin(), entries.end(),
              [](const CodeEntry &a, const CodeEntry &b) { return a.path < b.path; });
    return entries;
}

QString codeSha256(const std::vector<CodeEntry> &entries, qint64 *size)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    for (const CodeEntry &e : entries) {
        hash.addData(QByteArray::number(int(e.mode), 8));
        hash.addData(QByteArrayView(" "));
        hash.addData(e.path);
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QByteArray::number(e.content.size()));
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(e.content);
        total += e.content.size();
    }
    if (size) {
        *size = total;
    }
    return QString::fromLatin1(hash.result().toBase64());
}

/**
 * What publish() remembers of a code folder it read: the canonical hash, the size and the tree
 * it wrote, keyed by a signature of the folder's metadata (every entry's path, type, mode, size,
 * inode, modification and change times; the same skips as collectCode). Kept in
 * `<cacheDir>/code-memo/<sha1 of the folder's path>`. A signature taken while an entry was
 * changed in the last two seconds is not trusted (as git treats "racily clean" entries).
 */
struct CodeMemo
{
    QString sha;
    qint64 size = 0;
    bool empty = true;
    git_oid tree{};

    static QString path(const QString &cacheDir, const QString &codeDir)
    {
        const QByteArray key = QCryptographicHash::hash(
            QFile::encodeName(QFileInfo(codeDir).absoluteFilePath()), QCryptographicHash::Sha1);
        return cacheDir + u"/code-memo/"_s + QString::fromLatin1(key.toHex());
    }

    static QByteArray signature(const QString &codeDir, bool *racy)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        *racy = false;
        bool ok = true;
        std::function<void(const QString &, const QByteArray &)> walk = [&](const QString &dir,
                                                                            const QByteArray &rel) {
            const QStringList names = QDir(dir).entryList(
                QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
            for (const QString &name : names) {
                const QString path = dir + u'/' + name;
                struct stat st = {};
                if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
                    ok = false;
                    return;
                }
                if (S_ISDIR(st.st_mode) && kSkippedDirs.contains(name)) {
                    continue;
                }
                const QByteArray entry = rel.isEmpty() ? utf8(name) : rel + '/' + utf8(name);
                const qint64 mtimeMs =
                    qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
                const qint64 ctimeMs =
                    qint64(st.st_ctim.tv_sec) * 1000 + st.st_ctim.tv_nsec / 1000000;
                if (now - std::max(mtimeMs, ctimeMs) < 2000) {
                    *racy = true;
                }
                hash.addData(entry);
                hash.addData(QByteArray::number(quint64(st.st_mode)) + ' ' +
                             QByteArray::number(qint64(st.st_size)) + ' ' +
                             QByteArray::number(quint64(st.st_ino)) + ' ' +
                             QByteArray::number(qint64(st.st_mtim.tv_sec)) + '.' +
                             QByteArray::number(qint64(st.st_mtim.tv_nsec)) + ' ' +
                             QByteArray::number(qint64(st.st_ctim.tv_sec)) + '.' +
                             QByteArray::number(qint64(st.st_ctim.tv_nsec)) + '\n');
                if (S_ISDIR(st.st_mode)) {
                    walk(path, entry);
                }
            }
        };
        if (!QFileInfo(codeDir).isDir()) {
            return {};
        }
        walk(codeDir, {});
        return ok ? hash.result().toHex() : QByteArray();
    }

    /** The memo at @p path if it was taken with @p signature and its tree is in @p repo. */
    static std::optional<CodeMemo> read(const QString &path, const QByteArray &signature,
                                        git_repository *repo)
    {
        if (path.isEmpty() || signature.isEmpty()) {
            return std::nullopt;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::nullopt;
        }
        const QList<QByteArray> lines = file.readAll().split('\n');
        if (lines.size() < 5 || lines.at(0) != signature) {
            return std::nullopt;
        }
        CodeMemo memo;
        memo.sha = QString::fromLatin1(lines.at(1));
        memo.size = lines.at(2).toLongLong();
        memo.empty = lines.at(3) == "empty";
        if (!memo.empty) {
            git_odb *odb = nullptr;
            if (git_oid_fromstr(&memo.tree, lines.at(4).constData()) != 0 ||
                git_repository_odb(&odb, repo) != 0) {
                return std::nullopt;
            }
            const bool exists = git_odb_exists(odb, &memo.tree) == 1;
            git_odb_free(odb);
            if (!exists) {
                return std::nullopt;
            }
        }
        return memo;
    }

    static void write(const QString &path, const QByteArray &signature, const CodeMemo &memo)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(signature + '\n' + memo.sha.toLatin1() + '\n' +
                       QByteArray::number(memo.size) + '\n' + (memo.empty ? "empty" : "tree") +
                       '\n' + (memo.empty ? QByteArray() : oidString(memo.tree).toLatin1()) + '\n');
            file.commit();
        }
    }
};

bool createBlob(git_repository *repo, const QByteArray &bytes, git_oid *out, VersionError *error)
{
    if (git_blob_create_from_buffer(out, repo, bytes.constData(), size_t(bytes.size())) != 0) {
        return fail(error, VersionErrorCode::Io,
                    u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
    }
    return true;
}

/** Writes the code as a tree; @p out stays zero for an empty folder. */
bool writeCodeTree(git_repository *repo, const std::vector<CodeEntry> &entries, git_oid *out,
                   VersionError *error)
{
    if (entries.empty()) {
        return true;
    }
    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    IndexPtr index(rawIndex);
    for (const CodeEntry &e : entries) {
        git_index_entry entry{};
        entry.mode = e.mode;
        entry.path = e.path.constData();
        entry.file_size = uint32_t(e.content.size());
        if (!createBlob(repo, e.content, &entry.id, error)) {
            return false;
        }
        if (git_index_add(index.get(), &entry) != 0) {
            return fail(error, VersionErrorCode::InvalidParameter,
                        u"Cannot store %1: %2"_s.arg(QString::fromUtf8(e.path), gitMessage()));
        }
    }
    if (git_index_write_tree_to(out, index.get(), repo) != 0) {
        return fail(error, VersionErrorCode::Io,
                    u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
    }
    return true;
}

/**
 * A tree of named blobs (and an optional `code` subtree), then a commit over it, signed at
 * @p time (now when invalid).
 */
bool writeCommit(git_repository *repo,
                 const std::vector<std::pair<const char *, QByteArray>> &files,
                 const git_oid *codeTreeId, const git_oid *parentId, const QString &message,
                 git_oid *out, VersionError *error, const QDateTime &time = {})
{
    git_treebuilder *rawBuilder = nullptr;
    if (git_treebuilder_new(&rawBuilder, repo, nullptr) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    BuilderPtr builder(rawBuilder);
    for (const auto &[name, bytes] : files) {
        git_oid blob;
        if (!createBlob(repo, bytes, &blob, error)) {
            return false;
        }
        if (git_treebuilder_insert(nullptr, builder.get(), name, &blob, GIT_FILEMODE_BLOB) != 0) {
            return fail(error, VersionErrorCode::Io, gitMessage());
        }
    }
    if (codeTreeId && git_treebuilder_insert(nullptr, builder.get(), "code", codeTreeId,
                                             GIT_FILEMODE_TREE) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    git_oid treeId;
    if (git_treebuilder_write(&treeId, builder.get()) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo, &treeId) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    TreePtr tree(rawTree);
    CommitPtr parent;
    if (parentId) {
        git_commit *rawParent = nullptr;
        if (git_commit_lookup(&rawParent, repo, parentId) != 0) {
            return corrupt(error, u"cannot read commit %1"_s.arg(oidString(*parentId)));
        }
        parent.reset(rawParent);
    }
    git_signature *rawSig = nullptr;
    const int signatureRc =
        time.isValid()
            ? git_signature_new(&rawSig, "Lambda Workbench", "lwb@localhost",
                                git_time_t(time.toSecsSinceEpoch()), time.offsetFromUtc() / 60)
            : git_signature_now(&rawSig, "Lambda Workbench", "lwb@localhost");
    if (signatureRc != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    SignaturePtr sig(rawSig);
    const git_commit *parents[1] = {parent.get()};
    if (git_commit_create(out, repo, nullptr, sig.get(), sig.get(), "UTF-8",
                          utf8(message).constData(), tree.get(), parent ? 1 : 0, parents) != 0) {
        return fail(error, VersionErrorCode::Io,
                    u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
    }
    return true;
}

bool sameEntry(const git_tree *tree, const char *name, const git_oid *id)
{
    const git_tree_entry *entry = git_tree_entry_byname(tree, name);
    if (!entry || !id) {
        return !entry && !id;
    }
    return git_oid_equal(git_tree_entry_id(entry), id);
}

/** Writes @p tree's entries under @p dir, read-only files, keeping executable bits and links. */
bool writeTreeTo(git_repository *repo, const git_tree *tree, const QString &dir,
                 VersionError *error)
{
    const size_t count = git_tree_entrycount(tree);
    for (size_t i = 0; i < count; ++i) {
        const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
        const QString name = QString::fromUtf8(git_tree_entry_name(entry));
        if (name.isEmpty() || name == "."_L1 || name == ".."_L1 || name.contains(u'/')) {
            return fail(error, VersionErrorCode::Corrupt,
                        u"The version repository is damaged: invalid file name '%1'"_s.arg(name));
        }
        const QString path = dir + u'/' + name;
        const git_filemode_t mode = git_tree_entry_filemode(entry);
        if (mode == GIT_FILEMODE_TREE) {
            git_tree *rawSub = nullptr;
            if (git_tree_lookup(&rawSub, repo, git_tree_entry_id(entry)) != 0) {
                return corrupt(error, u"cannot read folder %1"_s.arg(name));
            }
            TreePtr sub(rawSub);
            if (!QDir().mkpath(path)) {
                return fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(path));
            }
            if (!writeTreeTo(repo, sub.get(), path, error)) {
                return false;
            }
            continue;
        }
        if (mode == GIT_FILEMODE_COMMIT) {
            continue;
        }
        git_blob *rawBlob = nullptr;
        if (git_blob_lookup(&rawBlob, repo, git_tree_entry_id(entry)) != 0) {
            return corrupt(error, u"cannot read file %1"_s.arg(name));
        }
        BlobPtr blob(rawBlob);
        const QByteArray content(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                                 qsizetype(git_blob_rawsize(blob.get())));
        if (mode == GIT_FILEMODE_LINK) {
            if (::symlink(content.constData(), QFile::encodeName(path).constData()) != 0) {
                return fail(error, VersionErrorCode::Io, u"Cannot create the link %1"_s.arg(path));
            }
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(content) != content.size()) {
            return fail(error, VersionErrorCode::Io,
                        u"Cannot write %1: %2"_s.arg(path, file.errorString()));
        }
        file.close();
        QFile::Permissions perms =
            QFile::ReadOwner | QFile::ReadUser | QFile::ReadGroup | QFile::ReadOther;
        if (mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
            perms |= QFile::ExeOwner | QFile::ExeUser | QFile::ExeGroup | QFile::ExeOther;
        }
        file.setPermissions(perms);
    }
    return true;
}

json aliasToJson(const AliasConfig &alias)
{
    json weights = json::object();
    for (auto it = alias.additionalVersionWeights.cbegin();
         it != alias.additionalVersionWeights.cend(); ++it) {
        weights[stdString(it.key())] = it.value();
    }
    return json{{"Name", stdString(alias.name)},
                {"FunctionVersion", stdString(alias.functionVersion)},
                {"Description", stdString(alias.description)},
                {"RoutingConfig", json{{"AdditionalVersionWeights", weights}}},
                {"RevisionId", stdString(alias.revisionId)}};
}

std::optional<AliasConfig> aliasFromJson(const QString &function, const json &value,
                                         VersionError *error)
{
    AliasConfig alias;
    alias.function = function;
    alias.name = qString(value.value("Name", json()));
    alias.functionVersion = qString(value.value("FunctionVersion", json()));
    alias.description = qString(value.value("Description", json()));
    alias.revisionId = qString(value.value("RevisionId", json()));
    const json routing = value.value("RoutingConfig", json::object());
    const json weights = routing.is_object()
                             ? routing.value("AdditionalVersionWeights", json::object())
                             : json::object();
    if (!weights.is_object()) {
        fail(error, VersionErrorCode::Corrupt,
             u"The version repository is damaged: alias %1 has invalid weights"_s.arg(alias.name));
        return std::nullopt;
    }
    for (auto it = weights.begin(); it != weights.end(); ++it) {
        if (!it.value().is_number()) {
            fail(error, VersionErrorCode::Corrupt,
                 u"The version repository is damaged: alias %1 has invalid weights"_s.arg(
                     alias.name));
            return std::nullopt;
        }
        alias.additionalVersionWeights.insert(QString::fromStdString(it.key()),
                                              it.value().get<double>());
    }
    if (alias.name.isEmpty() || alias.functionVersion.isEmpty()) {
        fail(error, VersionErrorCode::Corrupt,
             u"The version repository is damaged: an alias of %1 has no name or version"_s.arg(
                 function));
        return std::nullopt;
    }
    return alias;
}

QString weightsText(const QMap<QString, double> &weights)
{
    QStringList parts;
    for (auto it = weights.cbegin(); it != weights.cend(); ++it) {
        parts.append(it.key() + u'=' + QString::number(it.value()));
    }
    return u'{' + parts.join(u", "_s) + u'}';
}

bool removeTree(const QString &path)
{
    QDir dir(path);
    return !dir.exists() || dir.removeRecursively();
}

/** Deletes the reference @p refName (a version or an alias, named @p what in errors). */
bool deleteReference(git_repository *repo, const QString &refName, const QString &what,
                     VersionError *error)
{
    git_reference *raw = nullptr;
    if (git_reference_lookup(&raw, repo, utf8(refName).constData()) != 0) {
        return corrupt(error, u"cannot read "_s + what);
    }
    RefPtr ref(raw);
    if (git_reference_delete(ref.get()) != 0) {
        return fail(error, VersionErrorCode::Io, gitMessage());
    }
    return true;
}

} // namespace

VersionStore::VersionStore()
{
    git_libgit2_init();
}

VersionStore::~VersionStore()
{
    close();
    git_libgit2_shutdown();
}

QString VersionStore::defaultRepositoryPath(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/versions.git"_s);
}

bool VersionStore::openProject(const QString &projectDir, VersionError *error)
{
    return open(defaultRepositoryPath(projectDir), error);
}

void VersionStore::close()
{
    if (m_repo) {
        git_repository_free(m_repo);
        m_repo = nullptr;
    }
    m_path.clear();
    m_cacheDir.clear();
}

void VersionStore::setAccount(const QString &region, const QString &accountId)
{
    m_region = region;
    m_accountId = accountId;
}

bool VersionStore::open(const QString &repositoryPath, VersionError *error, const QString &cacheDir)
{
    clear(error);
    close();
    const QString path = QFileInfo(repositoryPath).absoluteFilePath();
    const QFileInfo info(path);
    git_repository *raw = nullptr;
    const bool fresh = !info.exists() ||
                       (info.isDir() && QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                           QDir::Hidden | QDir::System));
    if (fresh) {
        if (!QDir().mkpath(path)) {
            return fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(path));
        }
        if (git_repository_init(&raw, QFile::encodeName(path).constData(), 1) != 0) {
            return fail(error, VersionErrorCode::Io,
                        u"Cannot create the version repository %1: %2"_s.arg(path, gitMessage()));
        }
    } else if (git_repository_open_bare(&raw, QFile::encodeName(path).constData()) != 0) {
        return fail(error, VersionErrorCode::Corrupt,
                    u"The version repository %1 is damaged or not a git repository: %2"_s.arg(
                        path, gitMessage()));
    }
    RepoPtr repo(raw);
    // A readable object database and ref store, or the repository is reported now, not later.
    git_odb *odb = nullptr;
    if (git_repository_odb(&odb, repo.get()) != 0) {
        return fail(error, VersionErrorCode::Corrupt,
                    u"The version repository %1 is damaged: %2"_s.arg(path, gitMessage()));
    }
    git_odb_free(odb);
    if (!refNames(repo.get(), u"refs/"_s, error)) {
        return false;
    }
    m_repo = repo.release();
    m_path = path;
    QString cache = cacheDir;
    if (cache.isEmpty()) {
        cache = path.endsWith(".git"_L1) ? path.chopped(4) : path + u".cache"_s;
    }
    m_cacheDir = QFileInfo(cache).absoluteFilePath();
    return true;
}

QString VersionStore::functionArn(const QString &function, const QString &qualifier) const
{
    QString arn = u"arn:aws:lambda:%1:%2:function:%3"_s.arg(m_region, m_accountId, function);
    if (!qualifier.isEmpty()) {
        arn += u':' + qualifier;
    }
    return arn;
}

std::optional<QString> VersionStore::computeCodeSha256(const QString &codeDir, qint64 *codeSize,
                                                       QString *error)
{
    QString message;
    const auto entries = readCodeFolder(codeDir, &message);
    if (!entries) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    }
    return codeSha256(*entries, codeSize);
}

std::optional<PublishedVersion> VersionStore::publish(const FunctionConfig &config,
                                                      const QString &description,
                                                      VersionError *error,
                                                      const QString &expectedCodeSha256)
{
    clear(error);
    const QString function = config.functionName;
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return std::nullopt;
    }
    if (!validFunctionName(function, error)) {
        return std::nullopt;
    }
    if (description.size() > 256) {
        fail(error, VersionErrorCode::InvalidParameter,
             u"1 validation error detected: Value at 'description' failed to satisfy constraint: "
             "Member must have length less than or equal to 256"_s);
        return std::nullopt;
    }
    // A folder whose every entry looks as it did when it was last published (CodeMemo) is not
    // read or hashed again: publishing unchanged code costs a walk of its metadata.
    const QString memoPath =
        config.codeDir.isEmpty() ? QString() : CodeMemo::path(m_cacheDir, config.codeDir);
    QByteArray signature;
    bool racy = true;
    if (!memoPath.isEmpty()) {
        signature = CodeMemo::signature(config.codeDir, &racy);
    }
    std::optional<CodeMemo> memo = CodeMemo::read(memoPath, signature, m_repo);
    std::optional<std::vector<CodeEntry>> entries;
    if (!memo) {
        QString message;
        entries = readCodeFolder(config.codeDir, &message);
        if (!entries) {
            fail(error, VersionErrorCode::InvalidParameter, message);
            return std::nullopt;
        }
        memo = CodeMemo();
        memo->sha = codeSha256(*entries, &memo->size);
        memo->empty = entries->empty();
    }
    const qint64 size = memo->size;
    const QString sha = memo->sha;
    if (!expectedCodeSha256.isEmpty() && expectedCodeSha256 != sha) {
        fail(error, VersionErrorCode::PreconditionFailed,
             u"CodeSHA256 (%1) is different from current CodeSHA256 in $LATEST (%2). Please try "
             "again with the CodeSHA256 in $LATEST."_s.arg(expectedCodeSha256, sha));
        return std::nullopt;
    }
    git_oid codeId{};
    if (entries) {
        if (!writeCodeTree(m_repo, *entries, &codeId, error)) {
            return std::nullopt;
        }
        if (!signature.isEmpty() && !racy) {
            memo->tree = codeId;
            CodeMemo::write(memoPath, signature, *memo);
        }
    } else {
        codeId = memo->tree;
    }
    const git_oid *codeIdPtr = memo->empty ? nullptr : &codeId;

    json configJson = FunctionConfigJson::toJson(config);
    configJson.erase("CodeUri"); // the code is in the tree; the working folder may move
    configJson.erase("Warnings");
    const QByteArray configBytes = QByteArray::fromStdString(configJson.dump(2) + "\n");

    git_oid configId;
    if (!createBlob(m_repo, configBytes, &configId, error)) {
        return std::nullopt;
    }

    for (int attempt = 0; attempt < kPublishAttempts; ++attempt) {
        git_oid head;
        const int hasHead = refTarget(m_repo, headRef(function), &head, error);
        if (hasHead < 0) {
            return std::nullopt;
        }
        qint64 last = 0;
        if (hasHead) {
            const auto headVersion = readVersion(m_repo, function, head, error);
            if (!headVersion) {
                return std::nullopt;
            }
            last = headVersion->version.toLongLong();
        }
        // Unchanged since the newest existing version: PublishVersion returns that version.
        const QStringList existing = versions(function, error);
        if (error && error->isError()) {
            return std::nullopt;
        }
        if (!existing.isEmpty()) {
            git_oid latestId;
            if (refTarget(m_repo, versionRef(function, existing.last()), &latestId, error) != 1) {
                if (error && !error->isError()) {
                    continue; // deleted meanwhile
                }
                return std::nullopt;
            }
            TreePtr tree = commitTree(m_repo, latestId, error);
            if (!tree) {
                return std::nullopt;
            }
            if (sameEntry(tree.get(), "code", codeIdPtr) &&
                sameEntry(tree.get(), "configuration.json", &configId)) {
                return readVersion(m_repo, function, latestId, error);
            }
        }

        const QString number = QString::number(last + 1);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const json meta{
            {"Function", stdString(function)},
            {"Version", stdString(number)},
            {"CodeSha256", stdString(sha)},
            {"CodeSize", size},
            {"Description", stdString(description)},
            {"RevisionId", stdString(QUuid::createUuid().toString(QUuid::WithoutBraces))},
            {"Created", stdString(now.toString(Qt::ISODateWithMs))}};
        const QByteArray metaBytes = QByteArray::fromStdString(meta.dump(2) + "\n");
        QString commitMessage = u"%1: version %2\n"_s.arg(function, number);
        if (!description.isEmpty()) {
            commitMessage += u'\n' + description + u'\n';
        }
        git_oid commitId;
        if (!writeCommit(m_repo, {{"configuration.json", configBytes}, {"version.json", metaBytes}},
                         codeIdPtr, hasHead ? &head : nullptr, commitMessage, &commitId, error)) {
            return std::nullopt;
        }
        git_reference *rawRef = nullptr;
        const QByteArray headName = utf8(headRef(function));
        const QByteArray log = utf8(u"publish %1"_s.arg(number));
        const int rc = hasHead
                           ? git_reference_create_matching(&rawRef, m_repo, headName.constData(),
                                                           &commitId, 1, &head, log.constData())
                           : git_reference_create(&rawRef, m_repo, headName.constData(), &commitId,
                                                  0, log.constData());
        RefPtr ref(rawRef);
        if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
            continue; // another process published meanwhile: number again
        }
        if (rc != 0) {
            fail(error, VersionErrorCode::Io,
                 u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
            return std::nullopt;
        }
        git_reference *rawVersionRef = nullptr;
        if (git_reference_create(&rawVersionRef, m_repo,
                                 utf8(versionRef(function, number)).constData(), &commitId, 0,
                                 log.constData()) != 0) {
            corrupt(error, u"cannot create version %1"_s.arg(number));
            return std::nullopt;
        }
        git_reference_free(rawVersionRef);
        return readVersion(m_repo, function, commitId, error);
    }
    fail(
        error, VersionErrorCode::Conflict,
        u"The operation cannot be performed at this time. An update is in progress for resource: "_s +
            functionArn(function));
    return std::nullopt;
}

QStringList VersionStore::functions(VersionError *error) const
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return {};
    }
    auto names = refNames(m_repo, u"refs/functions/"_s, error);
    if (!names) {
        return {};
    }
    names->sort();
    return *names;
}

QStringList VersionStore::versions(const QString &function, VersionError *error) const
{
    if (!beginOperation(function, error)) {
        return {};
    }
    const auto names = refNames(m_repo, u"refs/versions/%1/"_s.arg(function), error);
    if (!names) {
        return {};
    }
    QStringList out;
    for (const QString &name : *names) {
        if (isVersionNumber(name)) {
            out.append(name);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const QString &a, const QString &b) { return a.toLongLong() < b.toLongLong(); });
    return out;
}

std::vector<PublishedVersion> VersionStore::publishedVersions(const QString &function,
                                                              VersionError *error) const
{
    std::vector<PublishedVersion> out;
    const QStringList numbers = versions(function, error);
    if (error && error->isError()) {
        return out;
    }
    for (const QString &number : numbers) {
        auto v = version(function, number, error);
        if (!v) {
            out.clear();
            return out;
        }
        out.push_back(std::move(*v));
    }
    return out;
}

bool VersionStore::beginOperation(const QString &function, VersionError *error) const
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return false;
    }
    return validFunctionName(function, error);
}

std::optional<PublishedVersion>
VersionStore::version(const QString &function, const QString &version, VersionError *error) const
{
    if (!beginOperation(function, error)) {
        return std::nullopt;
    }
    git_oid id;
    const int found =
        isVersionNumber(version) ? refTarget(m_repo, versionRef(function, version), &id, error) : 0;
    if (found < 0) {
        return std::nullopt;
    }
    if (found == 0) {
        fail(error, VersionErrorCode::NotFound,
             u"Function not found: "_s + functionArn(function, version));
        return std::nullopt;
    }
    return readVersion(m_repo, function, id, error);
}

std::optional<PublishedVersion> VersionStore::latestVersion(const QString &function,
                                                            VersionError *error) const
{
    const QStringList numbers = versions(function, error);
    if (error && error->isError()) {
        return std::nullopt;
    }
    if (numbers.isEmpty()) {
        fail(error, VersionErrorCode::NotFound, u"Function not found: "_s + functionArn(function));
        return std::nullopt;
    }
    return version(function, numbers.last(), error);
}

std::optional<FunctionConfig> VersionStore::configuration(const QString &function,
                                                          const QString &version,
                                                          VersionError *error) const
{
    const auto v = this->version(function, version, error);
    if (!v) {
        return std::nullopt;
    }
    QString message;
    auto config = FunctionConfigJson::fromJson(v->config, &message);
    if (!config) {
        fail(error, VersionErrorCode::Corrupt,
             u"The version repository is damaged: version %1 of %2: %3"_s.arg(version, function,
                                                                              message));
        return std::nullopt;
    }
    if (config->description.isEmpty()) {
        config->description = v->description;
    }
    return config;
}

std::optional<FunctionConfig> VersionStore::runnableConfiguration(const QString &function,
                                                                  const QString &version,
                                                                  VersionError *error) const
{
    auto config = configuration(function, version, error);
    if (!config) {
        return std::nullopt;
    }
    const auto dir = codeDir(function, version, error);
    if (!dir) {
        return std::nullopt;
    }
    config->codeDir = *dir;
    return config;
}

bool VersionStore::deleteVersion(const QString &function, const QString &version,
                                 VersionError *error)
{
    if (!this->version(function, version, error)) {
        return false;
    }
    QStringList users;
    const auto all = aliases(function, error);
    if (error && error->isError()) {
        return false;
    }
    for (const AliasConfig &a : all) {
        if (a.functionVersion == version || a.additionalVersionWeights.contains(version)) {
            users.append(a.name);
        }
    }
    if (!users.isEmpty()) {
        return fail(
            error, VersionErrorCode::Conflict,
            u"Unable to delete version because the following aliases reference it: [%1]"_s.arg(
                users.join(u", "_s)));
    }
    return deleteReference(m_repo, versionRef(function, version), u"version %1"_s.arg(version),
                           error);
}

bool VersionStore::materialize(const QString &function, const QString &version,
                               const QString &targetDir, VersionError *error) const
{
    const auto v = this->version(function, version, error);
    if (!v) {
        return false;
    }
    const QString target = QFileInfo(targetDir).absoluteFilePath();
    const QFileInfo info(target);
    if (info.exists() &&
        (!info.isDir() || !QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                QDir::Hidden | QDir::System))) {
        return fail(error, VersionErrorCode::InvalidParameter,
                    u"The target folder %1 is not empty"_s.arg(target));
    }
    git_oid id;
    git_oid_fromstr(&id, v->commitId.toLatin1().constData());
    TreePtr tree = commitTree(m_repo, id, error);
    TreePtr code;
    if (!tree || !codeTree(m_repo, tree.get(), &code, error)) {
        return false;
    }
    const QString temp = info.absolutePath() + u"/."_s + info.fileName() + u".tmp-"_s +
                         QUuid::createUuid().toString(QUuid::Id128);
    if (!QDir().mkpath(temp)) {
        return fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(temp));
    }
    if (code && !writeTreeTo(m_repo, code.get(), temp, error)) {
        removeTree(temp);
        return false;
    }
    if (info.exists()) {
        QDir().rmdir(target);
    }
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        removeTree(temp);
        return fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(target));
    }
    return true;
}

std::optional<QString> VersionStore::codeDir(const QString &function, const QString &version,
                                             VersionError *error) const
{
    const auto v = this->version(function, version, error);
    if (!v) {
        return std::nullopt;
    }
    const QString base = QDir(m_cacheDir).filePath(function + u'/' + version);
    const QString code = base + u"/code"_s;
    const auto complete = [&] {
        QFile marker(base + u"/commit"_s);
        return marker.open(QIODevice::ReadOnly) &&
               QString::fromLatin1(marker.readAll().trimmed()) == v->commitId &&
               QFileInfo(code).isDir();
    };
    if (complete()) {
        return code;
    }
    const QString temp = QDir(m_cacheDir)
                             .filePath(function + u"/.tmp-"_s + version + u'-' +
                                       QUuid::createUuid().toString(QUuid::Id128));
    if (!QDir().mkpath(temp)) {
        fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(temp));
        return std::nullopt;
    }
    if (!materialize(function, version, temp + u"/code"_s, error)) {
        removeTree(temp);
        return std::nullopt;
    }
    QFile config(temp + u"/configuration.json"_s);
    QFile marker(temp + u"/commit"_s);
    if (!config.open(QIODevice::WriteOnly) ||
        config.write(QByteArray::fromStdString(v->config.dump(2) + "\n")) < 0 ||
        !marker.open(QIODevice::WriteOnly) || marker.write(v->commitId.toLatin1() + '\n') < 0) {
        removeTree(temp);
        fail(error, VersionErrorCode::Io, u"Cannot write to %1"_s.arg(temp));
        return std::nullopt;
    }
    config.close();
    marker.close();
    if (complete()) { // another process finished first
        removeTree(temp);
        return code;
    }
    removeTree(base); // a stale copy (e.g. of a repository since recreated)
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(base).constData()) != 0) {
        removeTree(temp);
        if (complete()) {
            return code;
        }
        fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(base));
        return std::nullopt;
    }
    return code;
}

static bool validateAlias(const VersionStore &store, const AliasConfig &alias,
                          const std::function<QString(const QString &)> &arn, VersionError *error)
{
    static const QRegularExpression namePattern(u"^(?!^[0-9]+$)([a-zA-Z0-9\\-_]+)$"_s);
    if (alias.name.isEmpty() || alias.name.size() > 128 ||
        !namePattern.match(alias.name).hasMatch()) {
        return fail(error, VersionErrorCode::InvalidParameter,
                    u"1 validation error detected: Value '%1' at 'name' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: "
                    "(?!^[0-9]+$)([a-zA-Z0-9-_]+)"_s.arg(alias.name));
    }
    static const QRegularExpression versionPattern(u"^(\\$LATEST|[0-9]+)$"_s);
    if (!versionPattern.match(alias.functionVersion).hasMatch()) {
        return fail(error, VersionErrorCode::InvalidParameter,
                    u"1 validation error detected: Value '%1' at 'functionVersion' failed to "
                    "satisfy constraint: Member must satisfy regular expression pattern: "
                    "(\\$LATEST|[0-9]+)"_s.arg(alias.functionVersion));
    }
    if (alias.description.size() > 256) {
        return fail(error, VersionErrorCode::InvalidParameter,
                    u"1 validation error detected: Value at 'description' failed to satisfy "
                    "constraint: Member must have length less than or equal to 256"_s);
    }
    const auto &weights = alias.additionalVersionWeights;
    static const QRegularExpression keyPattern(u"^[0-9]+$"_s);
    for (auto it = weights.cbegin(); it != weights.cend(); ++it) {
        if (!keyPattern.match(it.key()).hasMatch()) {
            return fail(error, VersionErrorCode::InvalidParameter,
                        u"1 validation error detected: Value '%1' at "
                        "'routingConfig.additionalVersionWeights' failed to satisfy constraint: "
                        "Map keys must satisfy constraint: [Member must satisfy regular "
                        "expression pattern: [0-9]+]"_s.arg(weightsText(weights)));
        }
        if (!(it.value() >= 0.0 && it.value() <= 1.0)) {
            return fail(error, VersionErrorCode::InvalidParameter,
                        u"1 validation error detected: Value '%1' at "
                        "'routingConfig.additionalVersionWeights' failed to satisfy constraint: "
                        "Map value must satisfy constraint: [Member must have value less than or "
                        "equal to 1.0, Member must have value greater than or equal to 0.0]"_s.arg(
                            weightsText(weights)));
        }
    }
    if (weights.size() > 1) {
        return fail(error, VersionErrorCode::InvalidParameter,
                    u"Number of items in AdditionalVersionWeights cannot be greater than 1"_s);
    }
    if (alias.functionVersion != "$LATEST"_L1 &&
        !store.version(alias.function, alias.functionVersion, error)) {
        if (error && error->code == VersionErrorCode::NotFound) {
            error->message = u"Function not found: "_s + arn(alias.functionVersion);
        }
        return false;
    }
    if (!weights.isEmpty()) {
        const QString extra = weights.firstKey();
        if (alias.functionVersion == "$LATEST"_L1) {
            return fail(error, VersionErrorCode::InvalidParameter,
                        u"$LATEST is not supported for an alias pointing to more than 1 version"_s);
        }
        if (extra.toLongLong() == alias.functionVersion.toLongLong()) {
            return fail(error, VersionErrorCode::InvalidParameter,
                        u"Invalid function version %1. Function version %1 is already included in "
                        "routing configuration."_s.arg(alias.functionVersion));
        }
        if (!store.version(alias.function, extra, error)) {
            if (error && error->code == VersionErrorCode::NotFound) {
                error->message = u"Function not found: "_s + arn(extra);
            }
            return false;
        }
    }
    clear(error);
    return true;
}

static std::optional<AliasConfig> readAliasRef(git_repository *repo, const QString &function,
                                               const git_oid *id, VersionError *error)
{
    TreePtr tree = commitTree(repo, *id, error);
    if (!tree) {
        return std::nullopt;
    }
    const auto value = jsonAt(repo, tree.get(), "alias.json", error);
    if (!value) {
        return std::nullopt;
    }
    return aliasFromJson(function, *value, error);
}

static bool writeAlias(git_repository *repo, const AliasConfig &alias, const git_oid *previous,
                       const QString &message, VersionError *error)
{
    const QByteArray bytes = QByteArray::fromStdString(aliasToJson(alias).dump(2) + "\n");
    git_oid commitId;
    if (!writeCommit(repo, {{"alias.json", bytes}}, nullptr, previous, message, &commitId, error)) {
        return false;
    }
    const QByteArray name = utf8(aliasRef(alias.function, alias.name));
    const QByteArray log = utf8(message);
    git_reference *raw = nullptr;
    const int rc = previous ? git_reference_create_matching(&raw, repo, name.constData(), &commitId,
                                                            1, previous, log.constData())
                            : git_reference_create(&raw, repo, name.constData(), &commitId, 0,
                                                   log.constData());
    git_reference_free(raw);
    if (rc == GIT_EEXISTS) {
        return fail(error, VersionErrorCode::Conflict, u"Alias already exists"_s);
    }
    if (rc == GIT_EMODIFIED) {
        return fail(error, VersionErrorCode::PreconditionFailed,
                    u"The Revision Id provided does not match the latest Revision Id. Call the "
                    "GetAlias API to retrieve the latest Revision Id"_s);
    }
    if (rc != 0) {
        return fail(error, VersionErrorCode::Io,
                    u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
    }
    return true;
}

std::optional<AliasConfig> VersionStore::createAlias(const AliasConfig &request,
                                                     VersionError *error)
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return std::nullopt;
    }
    if (!validFunctionName(request.function, error)) {
        return std::nullopt;
    }
    AliasConfig alias = request;
    const auto arn = [&](const QString &q) { return functionArn(alias.function, q); };
    if (!validateAlias(*this, alias, arn, error)) {
        return std::nullopt;
    }
    git_oid existing;
    const int found = refTarget(m_repo, aliasRef(alias.function, alias.name), &existing, error);
    if (found < 0) {
        return std::nullopt;
    }
    if (found > 0) {
        fail(error, VersionErrorCode::Conflict,
             u"Alias already exists: "_s + functionArn(alias.function, alias.name));
        return std::nullopt;
    }
    alias.revisionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!writeAlias(
            m_repo, alias, nullptr,
            u"%1: create alias %2 → %3"_s.arg(alias.function, alias.name, alias.functionVersion),
            error)) {
        if (error && error->code == VersionErrorCode::Conflict) {
            error->message = u"Alias already exists: "_s + functionArn(alias.function, alias.name);
        }
        return std::nullopt;
    }
    return alias;
}

std::optional<AliasConfig> VersionStore::updateAlias(const QString &function, const QString &name,
                                                     const AliasUpdate &update, VersionError *error)
{
    if (!beginOperation(function, error)) {
        return std::nullopt;
    }
    git_oid previous;
    const int found = refTarget(m_repo, aliasRef(function, name), &previous, error);
    if (found < 0) {
        return std::nullopt;
    }
    if (found == 0) {
        fail(error, VersionErrorCode::NotFound,
             u"Alias not found: "_s + functionArn(function, name));
        return std::nullopt;
    }
    auto current = readAliasRef(m_repo, function, &previous, error);
    if (!current) {
        return std::nullopt;
    }
    if (!update.revisionId.isEmpty() && update.revisionId != current->revisionId) {
        fail(error, VersionErrorCode::PreconditionFailed,
             u"The Revision Id provided does not match the latest Revision Id. Call the GetAlias "
             "API to retrieve the latest Revision Id"_s);
        return std::nullopt;
    }
    AliasConfig alias = *current;
    alias.function = function;
    alias.name = name;
    if (update.functionVersion) {
        alias.functionVersion = *update.functionVersion;
    }
    if (update.description) {
        alias.description = *update.description;
    }
    if (update.additionalVersionWeights) {
        alias.additionalVersionWeights = *update.additionalVersionWeights;
    }
    const auto arn = [&](const QString &q) { return functionArn(function, q); };
    if (!validateAlias(*this, alias, arn, error)) {
        return std::nullopt;
    }
    alias.revisionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!writeAlias(m_repo, alias, &previous,
                    u"%1: update alias %2 → %3"_s.arg(function, name, alias.functionVersion),
                    error)) {
        return std::nullopt;
    }
    return alias;
}

std::optional<AliasConfig> VersionStore::alias(const QString &function, const QString &name,
                                               VersionError *error) const
{
    if (!beginOperation(function, error)) {
        return std::nullopt;
    }
    static const QRegularExpression namePattern(u"^[a-zA-Z0-9\\-_]{1,128}$"_s);
    git_oid id;
    const int found = namePattern.match(name).hasMatch()
                          ? refTarget(m_repo, aliasRef(function, name), &id, error)
                          : 0;
    if (found < 0) {
        return std::nullopt;
    }
    if (found == 0) {
        fail(error, VersionErrorCode::NotFound,
             u"Alias not found: "_s + functionArn(function, name));
        return std::nullopt;
    }
    return readAliasRef(m_repo, function, &id, error);
}

std::vector<AliasConfig> VersionStore::aliases(const QString &function, VersionError *error,
                                               const QString &functionVersion) const
{
    clear(error);
    std::vector<AliasConfig> out;
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return out;
    }
    if (!validFunctionName(function, error)) {
        return out;
    }
    auto names = refNames(m_repo, u"refs/aliases/%1/"_s.arg(function), error);
    if (!names) {
        return out;
    }
    names->sort();
    for (const QString &name : *names) {
        auto a = alias(function, name, error);
        if (!a) {
            out.clear();
            return out;
        }
        if (functionVersion.isEmpty() || a->functionVersion == functionVersion ||
            a->additionalVersionWeights.contains(functionVersion)) {
            out.push_back(std::move(*a));
        }
    }
    return out;
}

bool VersionStore::deleteAlias(const QString &function, const QString &name, VersionError *error)
{
    if (!alias(function, name, error)) {
        return false;
    }
    return deleteReference(m_repo, aliasRef(function, name), u"alias %1"_s.arg(name), error);
}

QString VersionStore::route(const AliasConfig &alias, double random01)
{
    return alias.route(random01);
}

std::optional<QString> VersionStore::resolveQualifier(const QString &function,
                                                      const QString &qualifier, double random01,
                                                      VersionError *error) const
{
    clear(error);
    if (qualifier.isEmpty() || qualifier == "$LATEST"_L1) {
        return u"$LATEST"_s;
    }
    if (qualifier.front().isDigit()) {
        if (!version(function, qualifier, error)) {
            return std::nullopt;
        }
        return qualifier;
    }
    const auto a = alias(function, qualifier, error);
    if (!a) {
        if (error && error->code == VersionErrorCode::NotFound) {
            error->message = u"Function not found: "_s + functionArn(function, qualifier);
        }
        return std::nullopt;
    }
    return a->route(random01);
}

std::optional<VersionDiff> VersionStore::diff(const QString &function, const QString &fromVersion,
                                              const QString &toVersion, VersionError *error) const
{
    const auto from = version(function, fromVersion, error);
    if (!from) {
        return std::nullopt;
    }
    const auto to = version(function, toVersion, error);
    if (!to) {
        return std::nullopt;
    }
    git_oid fromId;
    git_oid toId;
    git_oid_fromstr(&fromId, from->commitId.toLatin1().constData());
    git_oid_fromstr(&toId, to->commitId.toLatin1().constData());
    TreePtr fromTree = commitTree(m_repo, fromId, error);
    TreePtr toTree = commitTree(m_repo, toId, error);
    TreePtr fromCode;
    TreePtr toCode;
    if (!fromTree || !toTree || !codeTree(m_repo, fromTree.get(), &fromCode, error) ||
        !codeTree(m_repo, toTree.get(), &toCode, error)) {
        return std::nullopt;
    }
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, m_repo, fromCode.get(), toCode.get(), &options) != 0) {
        corrupt(error, u"cannot compare versions %1 and %2"_s.arg(fromVersion, toVersion));
        return std::nullopt;
    }
    DiffPtr gitDiff(rawDiff);
    VersionDiff out;
    out.function = function;
    out.fromVersion = fromVersion;
    out.toVersion = toVersion;
    const size_t count = git_diff_num_deltas(gitDiff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(gitDiff.get(), i);
        VersionDiff::File file;
        file.path =
            QString::fromUtf8(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
        switch (delta->status) {
        case GIT_DELTA_ADDED:
            file.status = u"added"_s;
            break;
        case GIT_DELTA_DELETED:
            file.status = u"deleted"_s;
            break;
        case GIT_DELTA_TYPECHANGE:
            file.status = u"typechange"_s;
            break;
        default:
            file.status = u"modified"_s;
            break;
        }
        git_patch *rawPatch = nullptr;
        if (git_patch_from_diff(&rawPatch, gitDiff.get(), i) != 0) {
            corrupt(error, u"cannot compare %1"_s.arg(file.path));
            return std::nullopt;
        }
        PatchPtr patch(rawPatch);
        if (patch) {
            git_buf buf{};
            if (git_patch_to_buf(&buf, patch.get()) != 0) {
                corrupt(error, u"cannot compare %1"_s.arg(file.path));
                return std::nullopt;
            }
            file.patch = QString::fromUtf8(buf.ptr, qsizetype(buf.size));
            git_buf_dispose(&buf);
        }
        out.files.push_back(std::move(file));
    }
    const json ops = json::diff(from->config, to->config);
    for (const json &op : ops) {
        VersionDiff::ConfigChange change;
        const std::string path = op.value("path", std::string());
        const std::string kind = op.value("op", std::string());
        change.path = QString::fromStdString(path);
        const json::json_pointer pointer(path);
        if ((kind == "remove" || kind == "replace") && from->config.contains(pointer)) {
            change.before = from->config.at(pointer);
        }
        if (kind == "add" || kind == "replace") {
            change.after = op.value("value", json());
        }
        out.configChanges.push_back(std::move(change));
    }
    return out;
}

std::optional<QString> VersionStore::appendCommit(const QString &ref, const QString &fileName,
                                                  const QByteArray &content, const QString &message,
                                                  const QDateTime &time, VersionError *error)
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return std::nullopt;
    }
    const QByteArray name = utf8(ref);
    int valid = 0;
    if (git_reference_name_is_valid(&valid, name.constData()) != 0 || !valid ||
        !ref.startsWith("refs/"_L1) || ref.startsWith("refs/versions/"_L1) ||
        ref.startsWith("refs/functions/"_L1) || ref.startsWith("refs/aliases/"_L1)) {
        fail(error, VersionErrorCode::InvalidParameter,
             u"'%1' is not a reference this store may append to"_s.arg(ref));
        return std::nullopt;
    }
    const QByteArray file = utf8(fileName);
    const QByteArray log = utf8(message.section(u'\n', 0, 0));
    // Every failed swap means another writer's commit landed: each round makes progress for
    // someone, and the pauses let a writer that keeps losing get its turn.
    for (int attempt = 0; attempt < kAppendAttempts; ++attempt) {
        git_oid parent;
        const int hasParent = refTarget(m_repo, ref, &parent, error);
        if (hasParent < 0) {
            return std::nullopt;
        }
        git_oid commitId;
        if (!writeCommit(m_repo, {{file.constData(), content}}, nullptr,
                         hasParent ? &parent : nullptr, message, &commitId, error, time)) {
            return std::nullopt;
        }
        git_reference *rawRef = nullptr;
        const int rc = hasParent
                           ? git_reference_create_matching(&rawRef, m_repo, name.constData(),
                                                           &commitId, 1, &parent, log.constData())
                           : git_reference_create(&rawRef, m_repo, name.constData(), &commitId, 0,
                                                  log.constData());
        git_reference_free(rawRef);
        if (rc == 0) {
            return oidString(commitId);
        }
        if (rc != GIT_EMODIFIED && rc != GIT_EEXISTS && rc != GIT_ELOCKED) {
            fail(error, VersionErrorCode::Io,
                 u"Cannot write to the version repository: %1"_s.arg(gitMessage()));
            return std::nullopt;
        }
        std::this_thread::sleep_for(
            std::chrono::microseconds(QRandomGenerator::global()->bounded(200, 2000)));
    }
    fail(error, VersionErrorCode::Conflict,
         u"%1 is being updated by other writers; try again"_s.arg(ref));
    return std::nullopt;
}

QStringList VersionStore::references(const QString &prefix, VersionError *error) const
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return {};
    }
    auto names = refNames(m_repo, prefix, error);
    if (!names) {
        return {};
    }
    for (QString &name : *names) {
        name.prepend(prefix);
    }
    names->sort();
    return *names;
}

std::optional<std::vector<QByteArray>>
VersionStore::fileHistory(const QString &ref, const QString &fileName, VersionError *error) const
{
    clear(error);
    if (!m_repo) {
        fail(error, VersionErrorCode::Io, u"The version store is not open"_s);
        return std::nullopt;
    }
    std::vector<QByteArray> out;
    git_oid id;
    const int found = refTarget(m_repo, ref, &id, error);
    if (found < 0) {
        return std::nullopt;
    }
    if (found == 0) {
        return out;
    }
    const QByteArray file = utf8(fileName);
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, m_repo, &id) != 0) {
        corrupt(error, u"cannot read commit %1"_s.arg(oidString(id)));
        return std::nullopt;
    }
    for (CommitPtr commit(raw); commit;) {
        git_tree *rawTree = nullptr;
        if (git_commit_tree(&rawTree, commit.get()) != 0) {
            corrupt(error, u"cannot read the tree of commit %1"_s.arg(
                               oidString(*git_commit_id(commit.get()))));
            return std::nullopt;
        }
        TreePtr tree(rawTree);
        auto bytes = blobAt(m_repo, tree.get(), file.constData(), error);
        if (!bytes) {
            return std::nullopt;
        }
        out.push_back(std::move(*bytes));
        git_commit *rawParent = nullptr;
        if (git_commit_parentcount(commit.get()) > 0 &&
            git_commit_parent(&rawParent, commit.get(), 0) != 0) {
            corrupt(error, u"cannot read the parent of commit %1"_s.arg(
                               oidString(*git_commit_id(commit.get()))));
            return std::nullopt;
        }
        commit.reset(rawParent);
    }
    return out;
}

} // namespace Lwb
