// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "s3editor.h"

#include "triggers/triggerfactory.h"

#include <QtWidgets/QCheckBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Lwb::S3 {

namespace {

/** The event names S3 notifies Lambda of, created ones left and removed ones right. */
constexpr std::array kCreated = {"s3:ObjectCreated:*", "s3:ObjectCreated:Put",
                                 "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
                                 "s3:ObjectCreated:CompleteMultipartUpload"};
constexpr std::array kRemoved = {"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
                                 "s3:ObjectRemoved:DeleteMarkerCreated"};

QString string(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

/** Filter.S3Key.Rules of @p properties, or an empty array. */
nlohmann::json rules(const nlohmann::json &properties)
{
    const nlohmann::json filter = properties.value("Filter", nlohmann::json::object());
    const nlohmann::json key =
        filter.is_object() ? filter.value("S3Key", nlohmann::json::object()) : nlohmann::json();
    const nlohmann::json r =
        key.is_object() ? key.value("Rules", nlohmann::json::array()) : nlohmann::json();
    return r.is_array() ? r : nlohmann::json::array();
}

QString ruleName(const nlohmann::json &rule)
{
    return rule.is_object() ? string(rule.value("Name", nlohmann::json())).toLower() : QString();
}

} // namespace

S3Editor::S3Editor(const TriggerFactory *factory, const QString &eventType, QWidget *parent)
    : TriggerEditor(factory, eventType, parent), m_bucket(new QLineEdit(this)),
      m_bucketIsRef(new QCheckBox(tr("A bucket of this template (!Ref)"), this)),
      m_prefix(new QLineEdit(this)), m_suffix(new QLineEdit(this)), m_folder(new QLabel(this))
{
    m_bucket->setObjectName(u"bucket"_s);
    m_bucket->setPlaceholderText(tr("Logical id of an AWS::S3::Bucket, e.g. UploadsBucket"));
    m_bucketIsRef->setObjectName(u"bucketIsRef"_s);
    m_prefix->setObjectName(u"prefix"_s);
    m_prefix->setPlaceholderText(tr("e.g. uploads/"));
    m_suffix->setObjectName(u"suffix"_s);
    m_suffix->setPlaceholderText(tr("e.g. .jpg"));
    m_folder->setObjectName(u"bucketFolder"_s);
    m_folder->setWordWrap(true);
    m_folder->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *events = new QGroupBox(tr("Events"), this);
    auto *grid = new QGridLayout(events);
    auto addColumn = [&](const auto &names, int column) {
        int row = 0;
        for (const char *name : names) {
            auto *box = new QCheckBox(QString::fromLatin1(name), events);
            box->setObjectName(QString::fromLatin1(name));
            grid->addWidget(box, row++, column);
            m_events.push_back(box);
            connect(box, &QCheckBox::toggled, this, &S3Editor::edited);
        }
    };
    addColumn(kCreated, 0);
    addColumn(kRemoved, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("Bucket"), m_bucket);
    form->addRow(QString(), m_bucketIsRef);
    form->addRow(events);
    form->addRow(tr("Key prefix"), m_prefix);
    form->addRow(tr("Key suffix"), m_suffix);
    form->addRow(m_folder);
    setForm(form);

    for (QLineEdit *edit : {m_bucket, m_prefix, m_suffix}) {
        connect(edit, &QLineEdit::textChanged, this, &S3Editor::edited);
    }
    connect(m_bucketIsRef, &QCheckBox::toggled, this, &S3Editor::edited);
    connect(this, &TriggerEditor::changed, this, &S3Editor::updateFolder);
    setConfiguration(nlohmann::json::object());
}

void S3Editor::edited()
{
    if (!m_loading) {
        Q_EMIT changed();
    }
}

void S3Editor::setConfiguration(const nlohmann::json &properties)
{
    m_base = properties.is_object() ? properties : nlohmann::json::object();
    m_loading = true;
    const nlohmann::json bucket = m_base.value("Bucket", nlohmann::json());
    m_bucketIsRef->setChecked(!bucket.is_string());
    m_bucket->setText(bucket.is_object() ? string(bucket.value("Ref", nlohmann::json()))
                                         : string(bucket));
    const nlohmann::json events = m_base.value("Events", nlohmann::json::array());
    const nlohmann::json list = events.is_array() ? events : nlohmann::json::array({events});
    for (QCheckBox *box : m_events) {
        box->setChecked(std::find(list.begin(), list.end(), box->objectName().toStdString()) !=
                        list.end());
    }
    m_prefix->clear();
    m_suffix->clear();
    for (const nlohmann::json &rule : rules(m_base)) {
        const QString name = ruleName(rule);
        QLineEdit *edit = name == u"prefix"_s ? m_prefix : name == u"suffix"_s ? m_suffix : nullptr;
        if (edit) {
            edit->setText(string(rule.value("Value", nlohmann::json())));
        }
    }
    m_loading = false;
    Q_EMIT changed();
}

nlohmann::json S3Editor::configuration() const
{
    nlohmann::json c = m_base;

    const QString bucket = m_bucket->text().trimmed();
    if (bucket.isEmpty()) {
        c.erase("Bucket");
    } else if (m_bucketIsRef->isChecked()) {
        c["Bucket"] = {{"Ref", bucket.toStdString()}};
    } else {
        c["Bucket"] = bucket.toStdString();
    }

    // The template's names in its order (those ticked, and those the form has no box for),
    // then the names ticked since, in the form's order.
    const nlohmann::json before = m_base.value("Events", nlohmann::json::array());
    nlohmann::json events = nlohmann::json::array();
    for (const nlohmann::json &e : before.is_array() ? before : nlohmann::json::array({before})) {
        const auto box = std::find_if(m_events.begin(), m_events.end(), [&](const QCheckBox *b) {
            return e.is_string() && b->objectName().toStdString() == e.get<std::string>();
        });
        if (box == m_events.end() || (*box)->isChecked()) {
            events.push_back(e);
        }
    }
    for (const QCheckBox *box : m_events) {
        const std::string name = box->objectName().toStdString();
        if (box->isChecked() && std::find(events.begin(), events.end(), name) == events.end()) {
            events.push_back(name);
        }
    }
    if (events.empty()) {
        c.erase("Events");
    } else if (events.size() == 1 && !before.is_array()) {
        c["Events"] = events.front(); // "Events: s3:ObjectCreated:*", as it was written
    } else {
        c["Events"] = events;
    }

    // Filter.S3Key.Rules: prefix then suffix; other rules and keys of the template stay.
    nlohmann::json newRules = nlohmann::json::array();
    for (const auto &[name, edit] :
         {std::pair{"prefix", m_prefix}, std::pair{"suffix", m_suffix}}) {
        if (!edit->text().isEmpty()) {
            newRules.push_back({{"Name", name}, {"Value", edit->text().toStdString()}});
        }
    }
    for (const nlohmann::json &rule : rules(m_base)) {
        const QString name = ruleName(rule);
        if (name != u"prefix"_s && name != u"suffix"_s) {
            newRules.push_back(rule);
        }
    }
    nlohmann::json filter = c.value("Filter", nlohmann::json::object());
    if (!filter.is_object()) {
        filter = nlohmann::json::object();
    }
    nlohmann::json key = filter.value("S3Key", nlohmann::json::object());
    if (!key.is_object()) {
        key = nlohmann::json::object();
    }
    if (newRules.empty()) {
        key.erase("Rules");
    } else {
        key["Rules"] = newRules;
    }
    if (key.empty()) {
        filter.erase("S3Key");
    } else {
        filter["S3Key"] = key;
    }
    if (filter.empty()) {
        c.erase("Filter");
    } else {
        c["Filter"] = filter;
    }
    return c;
}

void S3Editor::updateFolder()
{
    QString error;
    const nlohmann::json preview = factory()->preview(eventType(), configuration(), 0, &error);
    const QString folder =
        preview.is_object() ? string(preview.value("bucketFolder", nlohmann::json())) : QString();
    m_folder->setText(folder.isEmpty()
                          ? QString()
                          : tr("Locally the bucket is the folder %1 of the project: creating or "
                               "overwriting a file there is a Put, deleting one a Delete.")
                                .arg(folder));
}

} // namespace Lwb::S3
