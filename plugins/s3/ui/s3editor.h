// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "triggereditor.h"

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Lwb::S3 {

/**
 * Edits an S3 event: the bucket (a !Ref to a bucket of the template, or a name), the event
 * names and the prefix/suffix filter rules (Filter.S3Key.Rules). GUI thread.
 */
class S3Editor : public TriggerEditor
{
    Q_OBJECT

public:
    S3Editor(const TriggerFactory *factory, const QString &eventType, QWidget *parent = nullptr);

    void setConfiguration(const nlohmann::json &properties) override;
    nlohmann::json configuration() const override;

private:
    void edited();
    void updateFolder();

    nlohmann::json m_base; ///< what setConfiguration() was given: keys without a field are kept
    bool m_loading = false;
    QLineEdit *m_bucket;
    QCheckBox *m_bucketIsRef;
    std::vector<QCheckBox *> m_events;
    QLineEdit *m_prefix;
    QLineEdit *m_suffix;
    QLabel *m_folder;
};

} // namespace Lwb::S3
