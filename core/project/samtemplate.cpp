// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/samtemplate.h"

#include "model/functionlimits.h"
#include "project/yamljson.h"
#include "project/yamlpatcher.h"
#include "store/asyncstore.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QSaveFile>

#include <yaml-cpp/yaml.h>

#include <QtCore/QRegularExpression>

#include <algorithm>
#include <exception>
#include <set>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Internal::YamlJson;

constexpr auto kServerlessFunction = "AWS::Serverless::Function";
constexpr auto kLambdaFunction = "AWS::Lambda::Function";
constexpr auto kServerlessLayer = "AWS::Serverless::LayerVersion";
constexpr auto kLambdaLayer = "AWS::Lambda::LayerVersion";

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string ss(const QString &s)
{
    return s.toStdString();
}

bool present(const YAML::Node &n)
{
    return n.IsDefined() && !n.IsNull();
}

// Map lookup that never throws and never inserts (yaml-cpp's operator[] may do either).
// Duplicate keys: the first one wins. Gives the key node and the value node.
std::pair<YAML::Node, YAML::Node> entry(const YAML::Node &map, std::string_view key)
{
    if (map.IsDefined() && map.IsMap()) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == key) {
                return {it->first, it->second};
            }
        }
    }
    return {YAML::Node(YAML::NodeType::Undefined), YAML::Node(YAML::NodeType::Undefined)};
}

YAML::Node child(const YAML::Node &map, std::string_view key)
{
    return entry(map, key).second;
}

YAML::Node childKey(const YAML::Node &map, std::string_view key)
{
    return entry(map, key).first;
}

bool isPlainOrQuotedScalar(const YAML::Node &n)
{
    if (!n.IsDefined() || !n.IsScalar()) {
        return false;
    }
    const std::string &tag = n.Tag();
    return tag.empty() || tag == "?" || tag == "!" || tag.rfind("tag:yaml.org,2002:", 0) == 0;
}

bool isGlobalsMergeIntrinsic(const YAML::Node &n)
{
    return YamlJson::isIntrinsic(n);
}

// SAM's Globals merge (samtranslator GlobalProperties): primitives and intrinsics — resource
// wins; maps — merged key by key, recursively, resource wins; lists — global items first,
// then the resource's; different kinds — resource wins. Leaves are shared, not copied, so
// their marks still point into the file.
YAML::Node mergeGlobal(const YAML::Node &global, const YAML::Node &local)
{
    enum class Kind { Primitive, Map, List };
    auto kindOf = [](const YAML::Node &n) {
        if (n.IsMap() && !isGlobalsMergeIntrinsic(n)) {
            return Kind::Map;
        }
        if (n.IsSequence() && !isGlobalsMergeIntrinsic(n)) {
            return Kind::List;
        }
        return Kind::Primitive;
    };
    const Kind g = kindOf(global);
    const Kind l = kindOf(local);
    if (g != l || g == Kind::Primitive) {
        return local;
    }
    if (g == Kind::List) {
        YAML::Node out(YAML::NodeType::Sequence);
        for (const YAML::Node &item : global) {
            out.push_back(item);
        }
        for (const YAML::Node &item : local) {
            out.push_back(item);
        }
        return out;
    }
    YAML::Node out(YAML::NodeType::Map);
    std::set<std::string> seen;
    for (auto it = global.begin(); it != global.end(); ++it) {
        if (!it->first.IsScalar()) {
            continue;
        }
        const std::string key = it->first.Scalar();
        seen.insert(key);
        const YAML::Node localValue = child(local, key);
        if (localValue.IsDefined()) {
            out[key] = mergeGlobal(it->second, localValue);
        } else {
            out[key] = it->second;
        }
    }
    for (auto it = local.begin(); it != local.end(); ++it) {
        if (it->first.IsScalar() && !seen.count(it->first.Scalar())) {
            seen.insert(it->first.Scalar());
            out[it->first.Scalar()] = it->second;
        }
    }
    return out;
}

const std::set<std::string> &globalsFunctionProperties()
{
    static const std::set<std::string> props = {
        "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize",
        "Timeout", "VpcConfig", "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn",
        "Layers", "AutoPublishAlias", "AutoPublishAliasAllProperties", "DeploymentPreference",
        "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
        "AssumeRolePolicyDocument", "EventInvokeConfig", "Architectures", "EphemeralStorage",
        "SnapStart", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop",
        "SourceKMSKeyArn", "FunctionUrlConfig", "CapacityProviderConfig",
        "FunctionScalingConfig", "VersionDeletionPolicy", "AutoPublishCodeSha256",
        "CodeSigningConfigArn", "FileSystemConfigs", "ImageConfig", "PackageType",
        "VersionDescription", "Role", "RolePath", "Policies"};
    return props;
}

const std::set<std::string> &globalsSections()
{
    static const std::set<std::string> sections = {"Function", "Api", "HttpApi", "SimpleTable",
                                                   "StateMachine", "LayerVersion",
                                                   "CapacityProvider", "WebSocketApi"};
    return sections;
}

QString layerNameFromArn(const QString &arn)
{
    // arn:aws:lambda:us-east-1:123456789012:layer:my-layer:3
    const QStringList parts = arn.split(u':');
    const int index = parts.indexOf(u"layer"_s);
    if (index >= 0 && index + 1 < parts.size()) {
        return parts.at(index + 1);
    }
    return arn;
}

} // namespace

namespace Internal {

class SamTemplateData
{
public:
    /// Runs an in-place edit of the document; on success the template is modified and
    /// re-evaluated. yaml-cpp's exceptions become @p error: nothing leaves the class.
    template<typename Edit>
    bool applyEdit(QString *error, Edit edit)
    {
        try {
            if (!edit()) {
                return false;
            }
            modified = true;
            evaluate();
            return true;
        } catch (const std::exception &e) {
            if (error) {
                *error = QString::fromLocal8Bit(e.what());
            }
            return false;
        }
    }

    // The result of evaluating a property we need a scalar for.
    struct Resolved
    {
        enum class Kind { Absent, Text, Unresolved, WrongType };
        Kind kind = Kind::Absent;
        QString text;       ///< the value, for Text
        QString what;       ///< a readable form of the intrinsic, for Unresolved
        bool plain = false; ///< the text came from a plain (unquoted) scalar
        YAML::Mark mark;
    };

    QString path;
    QString dir;
    YAML::Node root;
    QByteArray source; ///< the text root was loaded from (or last saved as)
    bool loaded = false;
    bool modified = false;
    Problems parseProblems;
    Problems problems;
    std::vector<FunctionConfig> functions;
    std::vector<LayerConfig> layers;
    std::vector<SamTemplate::Parameter> parameters;
    QMap<QString, QString> overrides;
    QStringList resourceIds;
    QMap<QString, QString> resourceTypes;

    // Per-function evaluation state.
    QString currentResource;
    FunctionConfig *currentFunction = nullptr;

    void clearModel()
    {
        problems.clear();
        functions.clear();
        layers.clear();
        parameters.clear();
        resourceIds.clear();
        resourceTypes.clear();
    }

    void report(Problem::Severity severity, const YAML::Mark &mark, const QString &message)
    {
        Problem p;
        p.severity = severity;
        p.file = path;
        p.line = mark.line >= 0 ? mark.line + 1 : 0;
        p.column = mark.column >= 0 && mark.line >= 0 ? mark.column + 1 : 0;
        p.message = message;
        p.resource = currentResource;
        problems.append(p);
        if (severity == Problem::Severity::Warning && currentFunction) {
            currentFunction->warnings.append(message);
        }
    }
    void error(const YAML::Mark &mark, const QString &message)
    {
        report(Problem::Severity::Error, mark, message);
    }
    void warning(const YAML::Mark &mark, const QString &message)
    {
        report(Problem::Severity::Warning, mark, message);
    }

    bool parse(const QByteArray &yaml);
    void evaluate();
    void evaluateParameters();
    YAML::Node evaluateGlobals();
    void evaluateLayer(const QString &id, const YAML::Node &key, const YAML::Node &resource,
                       bool serverless);
    void evaluateFunction(const QString &id, const YAML::Node &key, const YAML::Node &resource,
                          bool serverless, const YAML::Node &globalsFunction);

    Resolved resolveScalar(const YAML::Node &n, bool resourceRefAsLogicalId = false) const;
    Resolved resolveRef(const QString &name, const YAML::Mark &mark,
                        bool resourceRefAsLogicalId) const;
    std::optional<int> intProperty(const YAML::Node &props, const char *key,
                                   FunctionLimits::Range range, const QString &unit, int fallback);
    std::optional<QString> stringProperty(const YAML::Node &props, const char *key,
                                          const QString &consequence);
    QString absolutePath(const QString &relative) const;
    void resolveLayers(const YAML::Node &list, FunctionConfig &fn);
    void evaluateAsyncConfig(const YAML::Node &props, FunctionConfig &fn);
    DestinationConfig destination(const YAML::Node &node, const QString &what,
                                  const QStringList &types, const QString &autoName);
    void evaluateAlias(const YAML::Node &props, FunctionConfig &fn);

    YAML::Node resources() const { return child(root, "Resources"); }
    YAML::Node resourceNode(const QString &logicalId) const
    {
        return child(resources(), ss(logicalId));
    }
    bool findFunctionResource(const QString &logicalId, YAML::Node *out, QString *error) const;
};

bool SamTemplateData::parse(const QByteArray &yaml)
{
    parseProblems.clear();
    root.reset(YAML::Node());
    auto addParseProblem = [this](int line, int column, const QString &message) {
        Problem p;
        p.file = path;
        p.line = line;
        p.column = column;
        p.message = message;
        parseProblems.append(p);
    };
    try {
        root.reset(YAML::Load(yaml.toStdString()));
    } catch (const YAML::Exception &e) {
        // yaml-cpp's messages are terse; a tab in the indentation is the usual culprit, so
        // look for one at or before the reported line and say so plainly.
        const QList<QByteArray> lines = yaml.split('\n');
        const int errorLine = e.mark.line >= 0 ? e.mark.line : int(lines.size()) - 1;
        for (int i = 0; i <= errorLine + 1 && i < lines.size(); ++i) {
            const QByteArray &l = lines.at(i);
            for (int c = 0; c < l.size() && (l[c] == ' ' || l[c] == '\t'); ++c) {
                if (l[c] == '\t' && c + 1 < l.size() && l[c + 1] != '\n'
                    && !l.mid(c).trimmed().isEmpty()) {
                    addParseProblem(i + 1, c + 1,
                                    u"tab character used for indentation; YAML allows only "
                                    u"spaces for indentation"_s);
                    return false;
                }
            }
        }
        QString detail = qs(e.msg);
        if (e.msg == "illegal map value") {
            detail = u"a 'key: value' pair is not allowed here (check the indentation, and "
                     u"quote values that contain ': ')"_s;
        } else if (e.msg == "end of map not found") {
            detail = u"the indentation of this mapping is inconsistent"_s;
        } else if (e.msg == "end of map flow not found") {
            detail = u"a '{' is not closed with '}'"_s;
        } else if (e.msg == "end of sequence flow not found") {
            detail = u"a '[' is not closed with ']'"_s;
        } else if (e.msg == "end of sequence not found") {
            detail = u"the indentation of this list is inconsistent"_s;
        }
        addParseProblem(e.mark.line >= 0 ? e.mark.line + 1 : 0,
                        e.mark.column >= 0 ? e.mark.column + 1 : 0,
                        u"invalid YAML: "_s + detail);
        return false;
    } catch (const std::exception &e) {
        addParseProblem(0, 0, u"invalid YAML: "_s + QString::fromLocal8Bit(e.what()));
        return false;
    }
    return true;
}

SamTemplateData::Resolved SamTemplateData::resolveRef(const QString &name,
                                                      const YAML::Mark &mark,
                                                      bool resourceRefAsLogicalId) const
{
    Resolved r;
    r.mark = mark;
    r.kind = Resolved::Kind::Text;
    if (overrides.contains(name)) {
        r.text = overrides.value(name);
        return r;
    }
    for (const SamTemplate::Parameter &p : parameters) {
        if (p.name == name) {
            if (p.defaultValue) {
                r.text = *p.defaultValue;
                return r;
            }
            r.kind = Resolved::Kind::Unresolved;
            r.what = u"!Ref %1 (the parameter has no Default; give it a value with a "
                     u"parameter override)"_s.arg(name);
            return r;
        }
    }
    static const QMap<QString, QString> pseudo = {
        {u"AWS::Region"_s, u"us-east-1"_s},
        {u"AWS::AccountId"_s, u"123456789012"_s},
        {u"AWS::Partition"_s, u"aws"_s},
        {u"AWS::StackName"_s, u"local"_s},
        {u"AWS::StackId"_s,
         u"arn:aws:cloudformation:us-east-1:123456789012:stack/local/"
         u"51af3dc0-da77-11e4-872e-1234567db123"_s},
        {u"AWS::URLSuffix"_s, u"amazonaws.com"_s},
    };
    if (pseudo.contains(name)) {
        r.text = pseudo.value(name);
        return r;
    }
    if (name == u"AWS::NoValue") {
        r.kind = Resolved::Kind::Absent;
        return r;
    }
    if (resourceTypes.contains(name)) {
        if (resourceRefAsLogicalId) {
            r.text = name;
            return r;
        }
        r.kind = Resolved::Kind::Unresolved;
        r.what = u"!Ref %1 (a resource, which only exists once deployed)"_s.arg(name);
        return r;
    }
    r.kind = Resolved::Kind::Unresolved;
    r.what = u"!Ref %1 (no parameter or resource has that name)"_s.arg(name);
    return r;
}

SamTemplateData::Resolved SamTemplateData::resolveScalar(const YAML::Node &n,
                                                         bool resourceRefAsLogicalId) const
{
    Resolved r;
    if (!present(n)) {
        return r;
    }
    r.mark = n.Mark();
    if (isPlainOrQuotedScalar(n)) {
        r.kind = Resolved::Kind::Text;
        r.text = qs(n.Scalar());
        r.plain = n.Tag() == "?" || n.Tag().empty();
        return r;
    }
    if (n.IsScalar() && n.Tag() == "!Ref") {
        return resolveRef(qs(n.Scalar()), r.mark, resourceRefAsLogicalId);
    }
    if (n.IsMap() && n.size() == 1) {
        const YAML::Node ref = child(n, "Ref");
        if (ref.IsDefined() && isPlainOrQuotedScalar(ref)) {
            return resolveRef(qs(ref.Scalar()), r.mark, resourceRefAsLogicalId);
        }
    }
    if (YamlJson::isIntrinsic(n)) {
        r.kind = Resolved::Kind::Unresolved;
        r.what = qs(YamlJson::describe(n));
        return r;
    }
    r.kind = Resolved::Kind::WrongType;
    return r;
}

std::optional<int> SamTemplateData::intProperty(const YAML::Node &props, const char *key,
                                                FunctionLimits::Range range, const QString &unit,
                                                int fallback)
{
    const YAML::Node n = child(props, key);
    const Resolved r = resolveScalar(n);
    const QString name = QString::fromLatin1(key);
    switch (r.kind) {
    case Resolved::Kind::Absent:
        return std::nullopt;
    case Resolved::Kind::Unresolved:
        warning(r.mark, u"%1 uses %2, which is not evaluated locally; using %3 %4"_s.arg(
                            name, r.what, QString::number(fallback), unit));
        return std::nullopt;
    case Resolved::Kind::WrongType:
        error(r.mark, u"%1 must be a whole number of %2 between %3 and %4, not a %5"_s.arg(
                          name, unit, QString::number(range.min), QString::number(range.max),
                          n.IsSequence() ? u"list"_s : u"mapping"_s));
        return std::nullopt;
    case Resolved::Kind::Text:
        break;
    }
    bool ok = false;
    const int value = r.text.trimmed().toInt(&ok, 10);
    if (!ok) {
        error(r.mark,
              u"%1 must be a whole number of %2 between %3 and %4, not '%5'"_s.arg(
                  name, unit, QString::number(range.min), QString::number(range.max), r.text));
        return std::nullopt;
    }
    if (!range.contains(value)) {
        error(r.mark, u"%1 %2 is out of range: Lambda allows %3 to %4 %5"_s.arg(
                          name, QString::number(value), QString::number(range.min),
                          QString::number(range.max), unit));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> SamTemplateData::stringProperty(const YAML::Node &props, const char *key,
                                                       const QString &consequence)
{
    const YAML::Node n = child(props, key);
    const Resolved r = resolveScalar(n);
    const QString name = QString::fromLatin1(key);
    switch (r.kind) {
    case Resolved::Kind::Absent:
        return std::nullopt;
    case Resolved::Kind::Unresolved:
        warning(r.mark, u"%1 uses %2, which is not evaluated locally; %3"_s.arg(name, r.what,
                                                                              consequence));
        return std::nullopt;
    case Resolved::Kind::WrongType:
        error(r.mark, u"%1 must be a string, not a %2"_s.arg(
                          name, n.IsSequence() ? u"list"_s : u"mapping"_s));
        return std::nullopt;
    case Resolved::Kind::Text:
        break;
    }
    return r.text;
}

QString SamTemplateData::absolutePath(const QString &relative) const
{
    return QDir::cleanPath(QDir(dir).absoluteFilePath(relative));
}

void SamTemplateData::evaluateParameters()
{
    const YAML::Node params = child(root, "Parameters");
    if (!present(params)) {
        return;
    }
    if (!params.IsMap()) {
        error(params.Mark(), u"Parameters must be a mapping of parameter names to their "
                             u"definitions"_s);
        return;
    }
    for (auto it = params.begin(); it != params.end(); ++it) {
        SamTemplate::Parameter p;
        p.name = qs(it->first.Scalar());
        const YAML::Node def = it->second;
        if (!def.IsMap()) {
            error(def.Mark(), u"parameter '%1' must be a mapping with at least a Type"_s.arg(p.name));
            continue;
        }
        const YAML::Node type = child(def, "Type");
        p.type = isPlainOrQuotedScalar(type) ? qs(type.Scalar()) : QString();
        const YAML::Node description = child(def, "Description");
        p.description = isPlainOrQuotedScalar(description) ? qs(description.Scalar()) : QString();
        const YAML::Node defaultValue = child(def, "Default");
        if (isPlainOrQuotedScalar(defaultValue)) {
            p.defaultValue = qs(defaultValue.Scalar());
        } else if (present(defaultValue) && defaultValue.IsSequence()) {
            // CommaDelimitedList defaults are sometimes written as a YAML list.
            QStringList items;
            for (const YAML::Node &item : defaultValue) {
                items.append(item.IsScalar() ? qs(item.Scalar()) : QString());
            }
            p.defaultValue = items.join(u',');
        }
        const YAML::Node allowed = child(def, "AllowedValues");
        if (present(allowed) && allowed.IsSequence()) {
            for (const YAML::Node &item : allowed) {
                if (item.IsScalar()) {
                    p.allowedValues.append(qs(item.Scalar()));
                }
            }
        }
        parameters.push_back(p);
    }
}

YAML::Node SamTemplateData::evaluateGlobals()
{
    const YAML::Node globals = child(root, "Globals");
    if (!present(globals)) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    if (!globals.IsMap()) {
        error(globals.Mark(), u"Globals must be a mapping, e.g. 'Globals: Function: "
                              u"Timeout: 3'"_s);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    for (auto it = globals.begin(); it != globals.end(); ++it) {
        const std::string section = it->first.Scalar();
        if (!globalsSections().count(section)) {
            warning(it->first.Mark(), u"'%1' is not a Globals section SAM knows (Function, Api, "
                                      u"HttpApi, SimpleTable, StateMachine, LayerVersion)"_s
                                          .arg(qs(section)));
        }
    }
    const YAML::Node function = child(globals, "Function");
    if (!present(function)) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    if (!function.IsMap()) {
        error(function.Mark(), u"Globals.Function must be a mapping of function properties"_s);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    // Events and FunctionName cannot be global in SAM; leave them out of the merge.
    YAML::Node usable(YAML::NodeType::Map);
    for (auto it = function.begin(); it != function.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (!globalsFunctionProperties().count(key)) {
            warning(it->first.Mark(), u"'%1' is not a supported property of Globals.Function; "
                                      u"SAM rejects the template"_s.arg(qs(key)));
            if (key == "Events" || key == "FunctionName") {
                continue;
            }
        }
        usable[key] = it->second;
    }
    return usable;
}

void SamTemplateData::evaluateLayer(const QString &id, const YAML::Node &key,
                                    const YAML::Node &resource, bool serverless)
{
    LayerConfig layer;
    layer.logicalId = id;
    layer.name = id;
    const YAML::Node props = child(resource, "Properties");
    if (present(props) && !props.IsMap()) {
        error(props.Mark(), u"Properties of layer '%1' must be a mapping"_s.arg(id));
        return;
    }
    if (auto name = stringProperty(props, "LayerName", u"the layer is named by its logical id"_s)) {
        layer.name = *name;
    }
    const char *contentKey = serverless ? "ContentUri" : "Content";
    const YAML::Node content = child(props, contentKey);
    const Resolved r = resolveScalar(content);
    if (r.kind == Resolved::Kind::Absent) {
        error(key.Mark(), u"layer '%1' has no %2: point it at the layer's folder"_s.arg(
                              id, QString::fromLatin1(contentKey)));
    } else if (r.kind == Resolved::Kind::Text && !r.text.startsWith(u"s3://")) {
        layer.contentDir = absolutePath(r.text);
        if (!QFileInfo::exists(layer.contentDir)) {
            warning(r.mark, u"%1 '%2' of layer '%3' does not exist (%4)"_s.arg(
                                QString::fromLatin1(contentKey), r.text, id, layer.contentDir));
        }
    } else {
        layer.unresolvedReference = r.kind == Resolved::Kind::Text
                                        ? r.text
                                        : qs(YamlJson::toJson(content).dump());
        warning(content.Mark(), u"%1 of layer '%2' is not a local folder; the layer's content is "
                                u"not available locally"_s.arg(QString::fromLatin1(contentKey), id));
    }
    const YAML::Node runtimes = child(props, "CompatibleRuntimes");
    if (present(runtimes)) {
        if (runtimes.IsSequence()) {
            for (const YAML::Node &item : runtimes) {
                const Resolved rt = resolveScalar(item);
                if (rt.kind == Resolved::Kind::Text) {
                    layer.compatibleRuntimes.append(rt.text);
                }
            }
        } else {
            error(runtimes.Mark(), u"CompatibleRuntimes must be a list of runtimes"_s);
        }
    }
    layers.push_back(layer);
}

void SamTemplateData::resolveLayers(const YAML::Node &list, FunctionConfig &fn)
{
    if (!present(list)) {
        return;
    }
    if (!list.IsSequence() || YamlJson::isIntrinsic(list)) {
        error(list.Mark(), u"Layers must be a list of layer ARNs or !Ref to layers in this "
                           u"template"_s);
        return;
    }
    for (const YAML::Node &item : list) {
        QString refName;
        if (item.IsScalar() && item.Tag() == "!Ref") {
            refName = qs(item.Scalar());
        } else if (item.IsMap() && item.size() == 1 && isPlainOrQuotedScalar(child(item, "Ref"))) {
            refName = qs(child(item, "Ref").Scalar());
        }
        if (!refName.isEmpty()) {
            const auto local = std::find_if(layers.begin(), layers.end(), [&](const LayerConfig &l) {
                return l.logicalId == refName;
            });
            if (local != layers.end()) {
                fn.layers.push_back(*local);
                continue;
            }
        }
        const Resolved r = resolveScalar(item);
        LayerConfig layer;
        if (r.kind == Resolved::Kind::Text) {
            layer.logicalId = r.text;
            layer.name = layerNameFromArn(r.text);
            layer.unresolvedReference = r.text;
            warning(r.mark, u"layer '%1' is a published layer version, which can't be fetched "
                            u"locally; the function runs without it"_s.arg(r.text));
        } else if (r.kind == Resolved::Kind::Unresolved) {
            const QString what = r.what;
            layer.logicalId = refName.isEmpty() ? qs(YamlJson::describe(item)) : refName;
            layer.name = layer.logicalId;
            layer.unresolvedReference = qs(YamlJson::describe(item));
            warning(r.mark, u"layer %1 can't be resolved locally; the function runs without "
                            u"it"_s.arg(what));
        } else if (r.kind == Resolved::Kind::WrongType) {
            error(item.Mark(), u"each entry of Layers must be a layer ARN or a !Ref"_s);
            continue;
        } else {
            continue;
        }
        fn.layers.push_back(layer);
    }
}

DestinationConfig SamTemplateData::destination(const YAML::Node &node, const QString &what,
                                               const QStringList &types, const QString &autoName)
{
    DestinationConfig out;
    if (!present(node)) {
        return out;
    }
    if (!node.IsMap() || YamlJson::isIntrinsic(node)) {
        error(node.Mark(), u"%1 must be a mapping with a Type (%2) and a Destination"_s.arg(
                               what, types.join(u", "_s)));
        return out;
    }
    const YAML::Node typeNode = child(node, "Type");
    const Resolved type = resolveScalar(typeNode);
    if (type.kind == Resolved::Kind::Absent) {
        error(node.Mark(), u"%1 has no Type; SAM requires one of %2"_s.arg(what, types.join(u", "_s)));
        return out;
    }
    if (type.kind != Resolved::Kind::Text || !types.contains(type.text)) {
        error(typeNode.Mark(), u"%1.Type must be one of %2, not '%3'"_s.arg(
                                   what, types.join(u", "_s),
                                   type.kind == Resolved::Kind::Text ? type.text
                                                                     : qs(YamlJson::describe(typeNode))));
        return out;
    }
    out.type = type.text;
    const bool isDlq = what == u"DeadLetterQueue";
    const char *targetKey = isDlq ? "TargetArn" : "Destination";
    const YAML::Node target = child(node, targetKey);
    const QString targetName = QString::fromLatin1(targetKey);
    if (!present(target)) {
        if (!autoName.isEmpty() && (out.type == u"SQS" || out.type == u"SNS")) {
            // SAM creates the queue or topic itself when Destination is left out.
            out.target = autoName + (out.type == u"SQS" ? u"Queue"_s : u"Topic"_s);
            return out;
        }
        error(node.Mark(), u"%1 has no %2: give the ARN, !GetAtt Resource.Arn or !Ref Resource"_s
                               .arg(what, targetName));
        out.type.clear();
        return out;
    }
    // !GetAtt X.Arn, {"Fn::GetAtt": [X, Arn]}, {"Fn::GetAtt": "X.Arn"}: the resource X.
    QString getAtt;
    if (target.IsScalar() && target.Tag() == "!GetAtt") {
        getAtt = qs(target.Scalar());
    } else if (target.IsSequence() && target.Tag() == "!GetAtt" && target.size() == 2
               && target[0].IsScalar()) {
        getAtt = qs(target[0].Scalar()) + u".Arn"_s;
    } else if (target.IsMap() && target.size() == 1) {
        const YAML::Node fn = child(target, "Fn::GetAtt");
        if (fn.IsDefined() && fn.IsScalar()) {
            getAtt = qs(fn.Scalar());
        } else if (fn.IsDefined() && fn.IsSequence() && fn.size() == 2 && fn[0].IsScalar()) {
            getAtt = qs(fn[0].Scalar()) + u".Arn"_s;
        }
    }
    if (!getAtt.isEmpty()) {
        const QString resource = getAtt.section(u'.', 0, 0);
        if (!resourceTypes.contains(resource)) {
            warning(target.Mark(), u"%1.%2 refers to '%3', which is not a resource of this "
                                   u"template; the local queue or function is named '%3'"_s
                                       .arg(what, targetName, resource));
        }
        out.target = resource;
        return out;
    }
    const Resolved r = resolveScalar(target, true);
    switch (r.kind) {
    case Resolved::Kind::Text:
        out.target = AsyncStore::localQueueName(r.text);
        if (out.target.isEmpty()) {
            error(r.mark, u"%1.%2 is empty"_s.arg(what, targetName));
            out.type.clear();
        }
        return out;
    case Resolved::Kind::Unresolved:
        warning(r.mark, u"%1.%2 uses %3, which is not evaluated locally; the destination is "
                        u"ignored"_s.arg(what, targetName, r.what));
        break;
    case Resolved::Kind::WrongType:
        error(target.Mark(), u"%1.%2 must be an ARN, !GetAtt Resource.Arn or !Ref Resource"_s
                                 .arg(what, targetName));
        break;
    case Resolved::Kind::Absent:
        break;
    }
    out.type.clear();
    return out;
}

void SamTemplateData::evaluateAsyncConfig(const YAML::Node &props, FunctionConfig &fn)
{
    AsyncInvokeConfig &config = fn.asyncConfig;
    const YAML::Node eic = child(props, "EventInvokeConfig");
    if (present(eic)) {
        if (!eic.IsMap() || YamlJson::isIntrinsic(eic)) {
            error(eic.Mark(), u"EventInvokeConfig must be a mapping (MaximumEventAgeInSeconds, "
                              u"MaximumRetryAttempts, DestinationConfig)"_s);
        } else {
            if (auto age =
                    intProperty(eic, "MaximumEventAgeInSeconds", FunctionLimits::kEventAgeSeconds,
                                u"seconds"_s, config.maximumEventAgeSeconds)) {
                config.maximumEventAgeSeconds = *age;
            }
            if (auto retries =
                    intProperty(eic, "MaximumRetryAttempts", FunctionLimits::kRetryAttempts,
                                u"retries"_s, config.maximumRetryAttempts)) {
                config.maximumRetryAttempts = *retries;
            }
            const YAML::Node destinations = child(eic, "DestinationConfig");
            if (present(destinations)) {
                if (!destinations.IsMap() || YamlJson::isIntrinsic(destinations)) {
                    error(destinations.Mark(), u"EventInvokeConfig.DestinationConfig must be a "
                                               u"mapping with OnSuccess and/or OnFailure"_s);
                } else {
                    const QString autoName = fn.logicalId + u"EventInvokeConfig"_s;
                    config.onSuccess = destination(child(destinations, "OnSuccess"), u"OnSuccess"_s,
                                                   {u"SQS"_s, u"SNS"_s, u"Lambda"_s, u"EventBridge"_s},
                                                   autoName + u"OnSuccess"_s);
                    config.onFailure = destination(child(destinations, "OnFailure"), u"OnFailure"_s,
                                                   {u"SQS"_s, u"SNS"_s, u"Lambda"_s, u"EventBridge"_s,
                                                    u"S3Bucket"_s},
                                                   autoName + u"OnFailure"_s);
                }
            }
        }
    }
    const YAML::Node dlq = child(props, "DeadLetterQueue");
    if (present(dlq)) {
        config.deadLetterQueue = destination(dlq, u"DeadLetterQueue"_s, {u"SQS"_s, u"SNS"_s}, {});
    }
}

void SamTemplateData::evaluateAlias(const YAML::Node &props, FunctionConfig &fn)
{
    if (auto alias = stringProperty(props, "AutoPublishAlias", u"no alias is published"_s)) {
        fn.autoPublishAlias = *alias;
    }
    const YAML::Node pc = child(props, "ProvisionedConcurrencyConfig");
    if (!present(pc)) {
        return;
    }
    if (!pc.IsMap() || YamlJson::isIntrinsic(pc)) {
        error(pc.Mark(), u"ProvisionedConcurrencyConfig must be a mapping with "
                         u"ProvisionedConcurrentExecutions"_s);
        return;
    }
    if (auto count = intProperty(pc, "ProvisionedConcurrentExecutions",
                                 FunctionLimits::kProvisionedConcurrency, u"executions"_s, 0)) {
        fn.provisionedConcurrency = *count;
    } else if (!present(child(pc, "ProvisionedConcurrentExecutions"))) {
        error(pc.Mark(), u"ProvisionedConcurrencyConfig has no ProvisionedConcurrentExecutions"_s);
    }
    if (fn.autoPublishAlias.isEmpty()) {
        error(pc.Mark(),
              u"ProvisionedConcurrencyConfig requires AutoPublishAlias: provisioned concurrency "
              u"is configured on an alias, never on $LATEST"_s);
        fn.provisionedConcurrency = 0;
    }
}

void SamTemplateData::evaluateFunction(const QString &id, const YAML::Node &key,
                                       const YAML::Node &resource, bool serverless,
                                       const YAML::Node &globalsFunction)
{
    FunctionConfig fn;
    fn.logicalId = id;
    fn.functionName = id;
    currentFunction = &fn;

    const YAML::Node ownProps = child(resource, "Properties");
    if (present(ownProps) && !ownProps.IsMap()) {
        error(ownProps.Mark(), u"Properties of function '%1' must be a mapping"_s.arg(id));
        currentFunction = nullptr;
        return;
    }
    const YAML::Node localProps = present(ownProps) ? ownProps : YAML::Node(YAML::NodeType::Map);
    const YAML::Node props = serverless && globalsFunction.IsDefined() && globalsFunction.IsMap()
                                 ? mergeGlobal(globalsFunction, localProps)
                                 : localProps;
    const YAML::Mark missingMark = key.Mark();

    if (auto packageType = stringProperty(props, "PackageType", u"assuming Zip"_s)) {
        if (*packageType != u"Zip" && *packageType != u"Image") {
            error(child(props, "PackageType").Mark(),
                  u"PackageType must be Zip or Image, not '%1'"_s.arg(*packageType));
        } else {
            fn.packageType = *packageType;
        }
    }
    const bool zip = fn.packageType == u"Zip";
    if (!zip) {
        warning(child(props, "PackageType").Mark(),
                u"container image functions (PackageType: Image) are not run from the template's "
                u"code folder"_s);
    }

    if (auto runtime = stringProperty(props, "Runtime", u"the function can't be run"_s)) {
        fn.runtime = *runtime;
    } else if (zip && !present(child(props, "Runtime"))) {
        error(missingMark, u"function '%1' has no Runtime; it is required for Zip functions "
                           u"(e.g. Runtime: python3.12)"_s.arg(id));
    }
    if (auto handler = stringProperty(props, "Handler", u"the function can't be run"_s)) {
        fn.handler = *handler;
    } else if (zip && !present(child(props, "Handler")) && !fn.runtime.startsWith(u"provided")) {
        error(missingMark, u"function '%1' has no Handler; it is required for Zip functions "
                           u"(e.g. Handler: app.lambda_handler)"_s.arg(id));
    }

    // Code location.
    const YAML::Node inlineCode = serverless ? child(props, "InlineCode")
                                             : YAML::Node(YAML::NodeType::Undefined);
    const char *codeKey = serverless ? "CodeUri" : "Code";
    const YAML::Node code = child(props, codeKey);
    bool resolveCode = zip;
    if (present(inlineCode)) {
        warning(inlineCode.Mark(), u"InlineCode is not supported locally: put the code in a "
                                   u"folder and point CodeUri at it"_s);
        resolveCode = resolveCode && present(code);
    }
    if (!serverless && present(code) && code.IsMap() && !YamlJson::isIntrinsic(code)) {
        resolveCode = false;
        if (present(child(code, "ZipFile"))) {
            warning(child(code, "ZipFile").Mark(),
                    u"inline code (Code.ZipFile) is not supported locally: put the code in a "
                    u"folder and set Code to that folder's path"_s);
        } else {
            warning(code.Mark(), u"Code points to S3 or an image, which is not available "
                                 u"locally; set Code to a local folder"_s);
        }
    }
    if (resolveCode) {
        const YAML::Node &codePath = code;
        const Resolved r = resolveScalar(codePath);
        if (r.kind == Resolved::Kind::Absent) {
            fn.codeDir = absolutePath(u"."_s); // SAM CLI's default CodeUri
        } else if (r.kind == Resolved::Kind::Text && r.text.startsWith(u"s3://")) {
            warning(r.mark, u"%1 '%2' is in S3, which is not available locally; point it at a "
                            u"local folder"_s.arg(QString::fromLatin1(codeKey), r.text));
        } else if (r.kind == Resolved::Kind::Text) {
            fn.codeDir = absolutePath(r.text);
            if (!QFileInfo::exists(fn.codeDir)) {
                warning(r.mark, u"%1 '%2' does not exist (%3)"_s.arg(QString::fromLatin1(codeKey),
                                                                     r.text, fn.codeDir));
            }
        } else if (r.kind == Resolved::Kind::Unresolved) {
            warning(r.mark, u"%1 uses %2, which is not evaluated locally; the code folder is "
                            u"unknown"_s.arg(QString::fromLatin1(codeKey), r.what));
        } else if (codePath.IsMap()) {
            warning(codePath.Mark(), u"%1 points to an S3 object, which is not available "
                                     u"locally; point it at a local folder"_s
                                         .arg(QString::fromLatin1(codeKey)));
        } else {
            error(codePath.Mark(), u"%1 must be a path to the function's folder"_s
                                       .arg(QString::fromLatin1(codeKey)));
        }
    }

    if (auto memory =
            intProperty(props, "MemorySize", FunctionLimits::kMemoryMb, u"MB"_s, fn.memoryMb)) {
        fn.memoryMb = *memory;
    }
    if (auto timeout = intProperty(props, "Timeout", FunctionLimits::kTimeoutSeconds, u"seconds"_s,
                                   fn.timeoutSeconds)) {
        fn.timeoutSeconds = *timeout;
    }
    const YAML::Node storage = child(props, "EphemeralStorage");
    if (present(storage)) {
        if (storage.IsMap() && !YamlJson::isIntrinsic(storage)) {
            if (auto size = intProperty(storage, "Size", FunctionLimits::kEphemeralStorageMb,
                                        u"MB"_s, fn.ephemeralStorageMb)) {
                fn.ephemeralStorageMb = *size;
            }
        } else {
            error(storage.Mark(), u"EphemeralStorage must be a mapping with a Size in MB, e.g. "
                                  u"'EphemeralStorage: {Size: 1024}'"_s);
        }
    }
    if (auto reserved = intProperty(props, "ReservedConcurrentExecutions",
                                    FunctionLimits::kReservedConcurrency, u"executions"_s, 0)) {
        fn.reservedConcurrency = *reserved;
    }
    evaluateAsyncConfig(props, fn);
    evaluateAlias(props, fn);

    const YAML::Node architectures = child(props, "Architectures");
    if (present(architectures)) {
        if (!architectures.IsSequence() || YamlJson::isIntrinsic(architectures)) {
            error(architectures.Mark(), u"Architectures must be a list with one entry, x86_64 "
                                        u"or arm64"_s);
        } else if (architectures.size() != 1) {
            error(architectures.Mark(), u"Architectures must list exactly one architecture "
                                        u"(x86_64 or arm64)"_s);
        } else {
            const Resolved r = resolveScalar(architectures[0]);
            if (r.kind == Resolved::Kind::Text) {
                if (r.text == u"x86_64" || r.text == u"arm64") {
                    fn.architecture = r.text;
                } else {
                    error(r.mark, u"unknown architecture '%1'; use x86_64 or arm64"_s.arg(r.text));
                }
            } else if (r.kind == Resolved::Kind::Unresolved) {
                warning(r.mark, u"Architectures uses %1, which is not evaluated locally; using "
                                u"x86_64"_s.arg(r.what));
            } else {
                error(architectures[0].Mark(), u"an architecture must be x86_64 or arm64"_s);
            }
        }
    }

    if (auto name = stringProperty(props, "FunctionName",
                                   u"the function is known by its logical id '%1'"_s.arg(id))) {
        fn.functionName = *name;
    }
    if (auto description = stringProperty(props, "Description",
                                          u"the description is left empty"_s)) {
        fn.description = *description;
    }

    const YAML::Node environment = child(props, "Environment");
    if (present(environment)) {
        const YAML::Node variables = child(environment, "Variables");
        if (!environment.IsMap() || YamlJson::isIntrinsic(environment)) {
            error(environment.Mark(), u"Environment must be a mapping with Variables, e.g. "
                                      u"'Environment: Variables: {TABLE: orders}'"_s);
        } else if (present(variables)
                   && (!variables.IsMap() || YamlJson::isIntrinsic(variables))) {
            error(variables.Mark(), u"Environment.Variables must be a mapping of names to "
                                    u"values"_s);
        } else if (present(variables)) {
            for (auto it = variables.begin(); it != variables.end(); ++it) {
                const QString name = qs(it->first.Scalar());
                const Resolved r = resolveScalar(it->second, true);
                QString value;
                if (r.kind == Resolved::Kind::Text) {
                    value = r.text;
                    if (r.plain) {
                        // PyYAML typing, then SAM CLI's stringification.
                        const nlohmann::json typed = YamlJson::plainScalar(ss(r.text));
                        if (typed.is_boolean()) {
                            value = typed.get<bool>() ? u"true"_s : u"false"_s;
                        } else if (typed.is_number_integer()) {
                            value = QString::number(typed.get<qint64>());
                        }
                    }
                } else if (r.kind == Resolved::Kind::Unresolved) {
                    warning(r.mark, u"environment variable %1 uses %2, which is not evaluated "
                                    u"locally; it is set to an empty string (override it with "
                                    u"an env-vars file)"_s.arg(name, r.what));
                } else if (r.kind == Resolved::Kind::WrongType) {
                    warning(it->second.Mark(), u"environment variable %1 must be a string; it "
                                               u"is set to an empty string"_s.arg(name));
                }
                fn.environment.insert(name, value);
            }
        }
    }

    resolveLayers(child(props, "Layers"), fn);

    // The execution role and its policies, as written; core/auth evaluates them. A Role naming
    // the template's AWS::IAM::Role brings that role's policies in the form of SAM Policies.
    if (const nlohmann::json role = YamlJson::toJson(child(props, "Role")); role.is_string()) {
        fn.role = qs(role.get<std::string>());
    } else if (role.is_object() && (role.contains("Ref") || role.contains("Fn::GetAtt"))) {
        const nlohmann::json target = role.contains("Ref") ? role["Ref"] : role["Fn::GetAtt"];
        const std::string roleId = target.is_array() && !target.empty() && target[0].is_string()
                                       ? target[0].get<std::string>()
                                       : target.is_string() ? target.get<std::string>() : "";
        const nlohmann::json roleResource = YamlJson::toJson(resourceNode(qs(roleId)));
        const nlohmann::json roleProps =
            roleResource.is_object() ? roleResource.value("Properties", nlohmann::json()) : nullptr;
        if (roleResource.is_object() && roleResource.value("Type", nlohmann::json()) == "AWS::IAM::Role"
            && roleProps.is_object()) {
            const nlohmann::json roleName = roleProps.value("RoleName", nlohmann::json());
            fn.role = qs(roleName.is_string() ? roleName.get<std::string>() : roleId);
            fn.policies = nlohmann::json::array();
            for (const nlohmann::json &p : roleProps.value("Policies", nlohmann::json::array())) {
                fn.policies.push_back(p.is_object() ? p.value("PolicyDocument", nlohmann::json())
                                                    : p);
            }
            for (const nlohmann::json &arn :
                 roleProps.value("ManagedPolicyArns", nlohmann::json::array())) {
                fn.policies.push_back(arn);
            }
        } else {
            fn.role = qs(role.dump());
        }
    } else if (const YAML::Node policies = child(props, "Policies"); present(policies)) {
        fn.policies = YamlJson::toJson(policies);
    }

    if (serverless) {
        const YAML::Node events = child(localProps, "Events");
        if (present(events)) {
            if (events.IsMap() && !YamlJson::isIntrinsic(events)) {
                fn.events = YamlJson::toJson(events);
            } else {
                error(events.Mark(), u"Events must be a mapping of event names to event "
                                     u"sources (each with a Type)"_s);
            }
        }
    }

    currentFunction = nullptr;
    functions.push_back(std::move(fn));
}

void SamTemplateData::evaluate()
{
    clearModel();
    problems = parseProblems;
    currentResource.clear();
    currentFunction = nullptr;
    if (!parseProblems.isEmpty()) {
        return;
    }
    try {
        if (!root.IsDefined() || root.IsNull()) {
            error(YAML::Mark::null_mark(), u"the template is empty; a SAM template needs a Resources "
                                u"section"_s);
            return;
        }
        if (!root.IsMap()) {
            error(root.Mark(), u"the template must be a YAML mapping (Resources:, Globals: …) at "
                               u"the top level"_s);
            return;
        }
        evaluateParameters();
        const YAML::Node globalsFunction = evaluateGlobals();

        const YAML::Node res = resources();
        if (!present(res)) {
            const YAML::Node key = childKey(root, "Resources");
            error(key.IsDefined() ? key.Mark() : root.Mark(),
                  u"the template has no Resources; a SAM template needs at least one "
                  u"resource"_s);
            return;
        }
        if (!res.IsMap()) {
            error(res.Mark(), u"Resources must be a mapping of logical IDs to resources, e.g. "
                              u"'Resources: MyFunction: Type: AWS::Serverless::Function'"_s);
            return;
        }
        struct Entry
        {
            QString id;
            YAML::Node key;
            YAML::Node value;
            std::string type;
        };
        std::vector<Entry> entries;
        for (auto it = res.begin(); it != res.end(); ++it) {
            Entry e{qs(it->first.Scalar()), it->first, it->second, {}};
            if (resourceTypes.contains(e.id)) {
                error(e.key.Mark(), u"resource '%1' is defined twice"_s.arg(e.id));
                continue;
            }
            currentResource = e.id;
            if (!e.value.IsMap()) {
                error(e.value.IsDefined() && !e.value.IsNull() ? e.value.Mark() : e.key.Mark(),
                      u"resource '%1' must be a mapping with a Type"_s.arg(e.id));
            } else {
                const YAML::Node type = child(e.value, "Type");
                if (isPlainOrQuotedScalar(type)) {
                    e.type = type.Scalar();
                } else {
                    error(e.key.Mark(), u"resource '%1' has no Type"_s.arg(e.id));
                }
            }
            currentResource.clear();
            resourceIds.append(e.id);
            resourceTypes.insert(e.id, qs(e.type));
            entries.push_back(e);
        }
        for (const Entry &e : entries) {
            currentResource = e.id;
            if (e.type == kServerlessLayer || e.type == kLambdaLayer) {
                evaluateLayer(e.id, e.key, e.value, e.type == kServerlessLayer);
            }
        }
        for (const Entry &e : entries) {
            currentResource = e.id;
            if (e.type == kServerlessFunction || e.type == kLambdaFunction) {
                evaluateFunction(e.id, e.key, e.value, e.type == kServerlessFunction,
                                 globalsFunction);
            }
        }
        currentResource.clear();
    } catch (const std::exception &e) {
        // yaml-cpp throws on misuse (e.g. an odd node kind); never let it out of the class.
        currentResource.clear();
        currentFunction = nullptr;
        error(YAML::Mark::null_mark(), u"internal error while reading the template: %1"_s.arg(
                                QString::fromLocal8Bit(e.what())));
    }
}

bool SamTemplateData::findFunctionResource(const QString &logicalId, YAML::Node *out,
                                           QString *error) const
{
    if (!loaded) {
        if (error) {
            *error = u"no template is loaded"_s;
        }
        return false;
    }
    const YAML::Node node = resourceNode(logicalId);
    const QString type = resourceTypes.value(logicalId);
    if (!node.IsDefined() || !node.IsMap()
        || (type != QLatin1StringView(kServerlessFunction)
            && type != QLatin1StringView(kLambdaFunction))) {
        if (error) {
            *error = u"there is no function '%1' in the template"_s.arg(logicalId);
        }
        return false;
    }
    out->reset(node);
    return true;
}

} // namespace Internal

SamTemplate::SamTemplate()
    : d(std::make_unique<Internal::SamTemplateData>())
{
}

SamTemplate::~SamTemplate() = default;
SamTemplate::SamTemplate(SamTemplate &&other) noexcept = default;
SamTemplate &SamTemplate::operator=(SamTemplate &&other) noexcept = default;

bool SamTemplate::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        d->path = path;
        d->dir = QFileInfo(path).absolutePath();
        d->loaded = false;
        d->modified = false;
        d->root.reset(YAML::Node());
        d->source.clear();
        d->parseProblems.clear();
        Problem p;
        p.file = path;
        p.message = u"cannot read the template: %1"_s.arg(file.errorString());
        d->parseProblems.append(p);
        d->evaluate();
        return false;
    }
    return loadFromData(file.readAll(), path);
}

bool SamTemplate::loadFromData(const QByteArray &yaml, const QString &path)
{
    d->path = path;
    d->dir = QFileInfo(path).absolutePath();
    d->modified = false;
    d->source = yaml;
    d->loaded = d->parse(yaml);
    d->evaluate();
    if (d->loaded) {
        // "Usable" means we could find the resources; errors inside functions don't count.
        d->loaded = d->root.IsMap() && present(d->resources()) && d->resources().IsMap();
    }
    return d->loaded;
}

QByteArray SamTemplate::toYaml() const
{
    if (!d->root.IsDefined() || d->root.IsNull()) {
        return {};
    }
    try {
        return QByteArray::fromStdString(
            Internal::YamlPatcher::patch(d->source.toStdString(), d->root));
    } catch (const std::exception &) {
        return {};
    }
}

bool SamTemplate::save(const QString &path)
{
    const QString target = path.isEmpty() ? d->path : path;
    auto fail = [&](const QString &message) {
        Problem p;
        p.file = target;
        p.message = message;
        d->problems.append(p);
        return false;
    };
    if (!d->loaded) {
        return fail(u"cannot save: no template is loaded"_s);
    }
    const QByteArray text = toYaml();
    if (text.isEmpty()) {
        return fail(u"cannot save: the document could not be written as YAML"_s);
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        return fail(u"cannot save the template: %1"_s.arg(file.errorString()));
    }
    d->source = text;
    if (path.isEmpty() || QFileInfo(target) == QFileInfo(d->path)) {
        d->modified = false;
    }
    return true;
}

nlohmann::json SamTemplate::toJson() const
{
    try {
        return Internal::YamlJson::toJson(d->root);
    } catch (const std::exception &) {
        return nullptr;
    }
}

bool SamTemplate::isLoaded() const { return d->loaded; }
bool SamTemplate::isModified() const { return d->modified; }
QString SamTemplate::path() const { return d->path; }
QString SamTemplate::directory() const { return d->dir; }

QString SamTemplate::formatVersion() const
{
    const YAML::Node n = child(d->root, "AWSTemplateFormatVersion");
    return isPlainOrQuotedScalar(n) ? qs(n.Scalar()) : QString();
}

QString SamTemplate::description() const
{
    const YAML::Node n = child(d->root, "Description");
    return isPlainOrQuotedScalar(n) ? qs(n.Scalar()) : QString();
}

QStringList SamTemplate::transforms() const
{
    QStringList out;
    const YAML::Node n = child(d->root, "Transform");
    if (isPlainOrQuotedScalar(n)) {
        out.append(qs(n.Scalar()));
    } else if (present(n) && n.IsSequence()) {
        for (const YAML::Node &item : n) {
            if (isPlainOrQuotedScalar(item)) {
                out.append(qs(item.Scalar()));
            }
        }
    }
    return out;
}

const std::vector<FunctionConfig> &SamTemplate::functions() const { return d->functions; }

std::optional<FunctionConfig> SamTemplate::function(const QString &logicalIdOrName) const
{
    for (const FunctionConfig &fn : d->functions) {
        if (fn.logicalId == logicalIdOrName) {
            return fn;
        }
    }
    for (const FunctionConfig &fn : d->functions) {
        if (fn.functionName == logicalIdOrName) {
            return fn;
        }
    }
    return std::nullopt;
}

const std::vector<LayerConfig> &SamTemplate::layers() const { return d->layers; }
const std::vector<SamTemplate::Parameter> &SamTemplate::parameters() const { return d->parameters; }
QStringList SamTemplate::resourceIds() const { return d->resourceIds; }
QString SamTemplate::resourceType(const QString &logicalId) const
{
    return d->resourceTypes.value(logicalId);
}

void SamTemplate::setParameterOverrides(const QMap<QString, QString> &overrides)
{
    d->overrides = overrides;
    d->evaluate();
}

QMap<QString, QString> SamTemplate::parameterOverrides() const { return d->overrides; }
const Problems &SamTemplate::problems() const { return d->problems; }

Problems SamTemplate::problems(const QString &logicalId) const
{
    Problems out;
    for (const Problem &p : d->problems) {
        if (p.resource == logicalId) {
            out.append(p);
        }
    }
    return out;
}

bool SamTemplate::hasErrors() const { return Lwb::hasErrors(d->problems); }

std::optional<nlohmann::json> SamTemplate::functionProperty(const QString &logicalId,
                                                            const QString &propertyPath) const
{
    try {
        YAML::Node resource;
        if (!d->findFunctionResource(logicalId, &resource, nullptr)) {
            return std::nullopt;
        }
        YAML::Node current = child(resource, "Properties");
        for (const QString &step : propertyPath.split(u'.')) {
            if (!current.IsDefined() || !current.IsMap()) {
                return std::nullopt;
            }
            current.reset(child(current, ss(step)));
        }
        if (!current.IsDefined()) {
            return std::nullopt;
        }
        return YamlJson::toJson(current);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

bool SamTemplate::setFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                      const nlohmann::json &value, QString *error)
{
    return d->applyEdit(error, [&] {
        YAML::Node resource;
        if (!d->findFunctionResource(logicalId, &resource, error)) {
            return false;
        }
        const QStringList steps = propertyPath.split(u'.');
        if (propertyPath.isEmpty() || steps.contains(QString())) {
            if (error) {
                *error = u"invalid property path '%1'"_s.arg(propertyPath);
            }
            return false;
        }
        // Walk down from Properties, creating maps as needed. Node handles are rebound with
        // reset(): assigning one with '=' would overwrite the node it refers to.
        YAML::Node parent = resource;
        QStringList walked;
        for (int i = -1; i < steps.size() - 1; ++i) {
            const std::string step = i < 0 ? std::string("Properties") : ss(steps.at(i));
            if (i >= 0) {
                walked.append(steps.at(i));
            }
            YAML::Node next = child(parent, step);
            if (!present(next)) {
                parent[step] = YAML::Node(YAML::NodeType::Map);
                next.reset(child(parent, step));
            } else if (!next.IsMap() || YamlJson::isIntrinsic(next)) {
                if (error) {
                    *error = u"cannot set %1: %2 of function '%3' is not a mapping"_s.arg(
                        propertyPath, i < 0 ? u"Properties"_s : walked.join(u'.'), logicalId);
                }
                return false;
            }
            parent.reset(next);
        }
        parent[ss(steps.last())] = YamlJson::fromJson(value);
        return true;
    });
}

bool SamTemplate::removeFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                         QString *error)
{
    return d->applyEdit(error, [&] {
        YAML::Node resource;
        if (!d->findFunctionResource(logicalId, &resource, error)) {
            return false;
        }
        const QStringList steps = propertyPath.split(u'.');
        YAML::Node parent = child(resource, "Properties");
        for (int i = 0; i < steps.size() - 1; ++i) {
            if (!parent.IsDefined() || !parent.IsMap()) {
                return false;
            }
            parent.reset(child(parent, ss(steps.at(i))));
        }
        if (!parent.IsDefined() || !parent.IsMap() || !child(parent, ss(steps.last())).IsDefined()) {
            return false;
        }
        parent.remove(ss(steps.last()));
        return true;
    });
}

bool SamTemplate::addFunction(const FunctionConfig &config, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (!d->loaded) {
        return fail(u"no template is loaded"_s);
    }
    static const QRegularExpression logicalIdRe(u"^[A-Za-z0-9]+$"_s);
    if (!logicalIdRe.match(config.logicalId).hasMatch()) {
        return fail(u"'%1' is not a valid logical id (letters and digits only)"_s.arg(
            config.logicalId));
    }
    if (d->resourceTypes.contains(config.logicalId)) {
        return fail(u"the template already has a resource '%1'"_s.arg(config.logicalId));
    }
    try {
        // What the function would get from Globals (or Lambda's defaults) if we said nothing.
        const YAML::Node globals = child(child(d->root, "Globals"), "Function");
        auto inherited = [&](const char *key, int fallback) {
            const auto r = d->resolveScalar(child(globals, key));
            bool ok = false;
            const int v = r.text.toInt(&ok);
            return r.kind == Internal::SamTemplateData::Resolved::Kind::Text && ok ? v : fallback;
        };
        YAML::Node props(YAML::NodeType::Map);
        if (!config.codeDir.isEmpty()) {
            QString relative = QDir(d->dir).relativeFilePath(config.codeDir);
            if (relative != u"." && !relative.endsWith(u'/')) {
                relative += u'/';
            }
            props["CodeUri"] = YamlJson::fromJson(ss(relative));
        }
        if (!config.handler.isEmpty()) {
            props["Handler"] = YamlJson::fromJson(ss(config.handler));
        }
        if (!config.runtime.isEmpty()) {
            props["Runtime"] = YamlJson::fromJson(ss(config.runtime));
        }
        if (!config.description.isEmpty()) {
            props["Description"] = YamlJson::fromJson(ss(config.description));
        }
        if (config.memoryMb != inherited("MemorySize", 128)) {
            props["MemorySize"] = YamlJson::fromJson(config.memoryMb);
        }
        if (config.timeoutSeconds != inherited("Timeout", 3)) {
            props["Timeout"] = YamlJson::fromJson(config.timeoutSeconds);
        }
        if (config.architecture != u"x86_64") {
            props["Architectures"] = YamlJson::fromJson(
                nlohmann::json::array({ss(config.architecture)}));
        }
        if (config.ephemeralStorageMb != 512) {
            props["EphemeralStorage"] = YamlJson::fromJson(
                nlohmann::json{{"Size", config.ephemeralStorageMb}});
        }
        if (!config.environment.isEmpty()) {
            nlohmann::json vars = nlohmann::json::object();
            for (auto it = config.environment.cbegin(); it != config.environment.cend(); ++it) {
                vars[ss(it.key())] = ss(it.value());
            }
            props["Environment"] = YamlJson::fromJson(nlohmann::json{{"Variables", vars}});
        }
        if (config.reservedConcurrency) {
            props["ReservedConcurrentExecutions"] = YamlJson::fromJson(*config.reservedConcurrency);
        }
        if (!config.events.empty()) {
            props["Events"] = YamlJson::fromJson(config.events);
        }
        YAML::Node resource(YAML::NodeType::Map);
        resource["Type"] = kServerlessFunction;
        resource["Properties"] = props;
        YAML::Node res = d->resources();
        res[ss(config.logicalId)] = resource;
        d->modified = true;
        d->evaluate();
        return true;
    } catch (const std::exception &e) {
        return fail(QString::fromLocal8Bit(e.what()));
    }
}

bool SamTemplate::removeFunction(const QString &logicalId, QString *error)
{
    return d->applyEdit(error, [&] {
        YAML::Node resource;
        if (!d->findFunctionResource(logicalId, &resource, error)) {
            return false;
        }
        YAML::Node res = d->resources();
        res.remove(ss(logicalId));
        return true;
    });
}

} // namespace Lwb
