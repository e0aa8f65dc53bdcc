// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "triggereditor.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace Lwb::HttpApi {

/**
 * Edits an Api (REST API, payload 1.0) or HttpApi (HTTP API, payload 2.0) event: the API type,
 * method, path and authorizer of its route, with the route the core half previews. GUI thread.
 */
class HttpApiEditor : public TriggerEditor
{
    Q_OBJECT

public:
    HttpApiEditor(const TriggerFactory *factory, const QString &eventType,
                  QWidget *parent = nullptr);

    void setConfiguration(const nlohmann::json &properties) override;
    nlohmann::json configuration() const override;

protected:
    void eventTypeChanged() override;

private:
    void edited();
    void updateRoute();

    nlohmann::json m_base; ///< what setConfiguration() was given: keys without a field are kept
    bool m_loading = false;
    QComboBox *m_apiType;
    QComboBox *m_method;
    QLineEdit *m_path;
    QComboBox *m_authorizer;
    QLabel *m_route;
};

} // namespace Lwb::HttpApi
