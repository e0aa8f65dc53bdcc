// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpapieditor.h"

#include "triggers/triggerfactory.h"

#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString string(const nlohmann::json &properties, const char *key)
{
    const nlohmann::json value = properties.value(key, nlohmann::json());
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

HttpApiEditor::HttpApiEditor(const TriggerFactory *factory, const QString &eventType,
                             QWidget *parent)
    : TriggerEditor(factory, eventType, parent)
    , m_apiType(new QComboBox(this))
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_authorizer(new QComboBox(this))
    , m_route(new QLabel(this))
{
    m_apiType->setObjectName(u"apiType"_s);
    m_apiType->addItem(tr("REST API (Api event, payload 1.0)"), u"Api"_s);
    m_apiType->addItem(tr("HTTP API (HttpApi event, payload 2.0)"), u"HttpApi"_s);
    m_method->setObjectName(u"method"_s);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s,
                        u"OPTIONS"_s, u"ANY"_s});
    m_path->setObjectName(u"path"_s);
    m_path->setPlaceholderText(tr("/orders/{id} · /files/{proxy+}"));
    m_path->setClearButtonEnabled(true);
    m_authorizer->setObjectName(u"authorizer"_s);
    m_authorizer->setEditable(true);
    m_authorizer->setInsertPolicy(QComboBox::NoInsert);
    m_authorizer->addItems({QString(), u"NONE"_s, u"AWS_IAM"_s});
    m_authorizer->lineEdit()->setPlaceholderText(tr("The API's DefaultAuthorizer"));
    m_authorizer->setToolTip(tr("NONE, AWS_IAM or the name of an authorizer of the API's Auth"));
    m_route->setObjectName(u"route"_s);
    m_route->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("API"), m_apiType);
    form->addRow(tr("Method"), m_method);
    form->addRow(tr("Path"), m_path);
    form->addRow(tr("Authorizer"), m_authorizer);
    form->addRow(tr("Route"), m_route);
    setForm(form);

    connect(m_apiType, &QComboBox::currentIndexChanged, this,
            [this] { setEventType(m_apiType->currentData().toString()); });
    connect(m_method, &QComboBox::currentIndexChanged, this, &HttpApiEditor::edited);
    connect(m_path, &QLineEdit::textChanged, this, &HttpApiEditor::edited);
    connect(m_authorizer, &QComboBox::currentTextChanged, this, &HttpApiEditor::edited);
    connect(this, &TriggerEditor::changed, this, &HttpApiEditor::updateRoute);

    eventTypeChanged();
    setConfiguration(nlohmann::json::object());
}

void HttpApiEditor::edited()
{
    if (!m_loading) {
        Q_EMIT changed();
    }
}

void HttpApiEditor::eventTypeChanged()
{
    m_apiType->setCurrentIndex(m_apiType->findData(eventType()));
}

void HttpApiEditor::setConfiguration(const nlohmann::json &properties)
{
    m_base = properties.is_object() ? properties : nlohmann::json::object();
    m_loading = true;
    const QString method = string(m_base, "Method").toUpper();
    const int index =
        m_method->findText(method == u"X-AMAZON-APIGATEWAY-ANY-METHOD"_s ? u"ANY"_s : method);
    m_method->setCurrentIndex(std::max(index, 0));
    m_path->setText(string(m_base, "Path"));
    const nlohmann::json auth = m_base.value("Auth", nlohmann::json::object());
    m_authorizer->setCurrentText(auth.is_object() ? string(auth, "Authorizer") : QString());
    m_loading = false;
    Q_EMIT changed();
}

nlohmann::json HttpApiEditor::configuration() const
{
    nlohmann::json c = m_base;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        // An HttpApi event with neither is the API's $default route; an Api event needs both.
        c.erase("Path");
        if (eventType() == u"HttpApi"_s) {
            c.erase("Method");
        }
    } else {
        c["Path"] = path.toStdString();
    }
    if (!path.isEmpty() || eventType() == u"Api"_s) {
        // The template's spelling when it names the same method; else lowercase, as `sam init`
        // writes.
        const QString before = string(m_base, "Method");
        const QString method = m_method->currentText();
        c["Method"] = (before.compare(method, Qt::CaseInsensitive) == 0 ? before : method.toLower())
                          .toStdString();
    }
    nlohmann::json auth = c.value("Auth", nlohmann::json::object());
    if (!auth.is_object()) {
        auth = nlohmann::json::object();
    }
    const QString authorizer = m_authorizer->currentText().trimmed();
    if (authorizer.isEmpty()) {
        auth.erase("Authorizer");
    } else {
        auth["Authorizer"] = authorizer.toStdString();
    }
    if (auth.empty()) {
        c.erase("Auth");
    } else {
        c["Auth"] = auth;
    }
    return c;
}

void HttpApiEditor::updateRoute()
{
    m_method->setEnabled(eventType() == u"Api"_s || !m_path->text().trimmed().isEmpty());
    QString error;
    const nlohmann::json preview = factory()->preview(eventType(), configuration(), 1, &error);
    const nlohmann::json routes = preview.is_object()
                                      ? preview.value("routes", nlohmann::json::array())
                                      : nlohmann::json::array();
    if (!routes.is_array() || routes.empty()) {
        m_route->clear();
        return;
    }
    const nlohmann::json &route = routes.front();
    m_route->setText(tr("%1 on %2, payload format %3")
                         .arg(string(route, "routeKey"), string(route, "api"),
                              string(route, "payloadFormatVersion")));
}

} // namespace Lwb::HttpApi
