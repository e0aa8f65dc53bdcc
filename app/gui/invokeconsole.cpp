// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invokeconsole.h"

#include "enginehost.h"

#include "engine/reportline.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QAction>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTextBrowser>
#include <QtWidgets/QVBoxLayout>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QStringList &summaryFields()
{
    static const QStringList fields = {
        u"Request ID"_s,  u"Init duration"_s,   u"Duration"_s, u"Billed duration"_s,
        u"Memory size"_s, u"Max memory used"_s, u"Cost"_s};
    return fields;
}

QString milliseconds(double ms)
{
    return QString::number(ms, 'f', 2) + u" ms"_s;
}

QString dollars(double usd)
{
    QString text = QString::number(usd, 'f', 12);
    while (text.endsWith(u'0') && !text.endsWith(u".0")) {
        text.chop(1);
    }
    return u"$"_s + text;
}

/** The payload as indented JSON, or as it came when it is not JSON. */
QString pretty(const QByteArray &payload)
{
    const auto json =
        nlohmann::ordered_json::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
    return json.is_discarded() ? QString::fromUtf8(payload) : QString::fromStdString(json.dump(2));
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

InvokeConsole::InvokeConsole(QWidget *parent)
    : QWidget(parent), m_invokeAction(new QAction(tr("Invoke"), this)),
      m_invokeButton(new QPushButton(this)), m_mode(new QComboBox(this)),
      m_notice(new QLabel(this)), m_status(new QLabel(this)), m_summary(new QFormLayout),
      m_response(new QPlainTextEdit(this)), m_log(new QPlainTextEdit(this)),
      m_error(new QTextBrowser(this))
{
    m_invokeAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_invokeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_invokeAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_invokeAction->setToolTip(tr("Invoke the function with the event (Ctrl+Enter)"));
    addAction(m_invokeAction);
    connect(m_invokeAction, &QAction::triggered, this, [this] { invoke(); });
    m_invokeButton->setObjectName(u"invokeButton"_s);
    m_invokeButton->setText(tr("Invoke"));
    m_invokeButton->setIcon(m_invokeAction->icon());
    m_invokeButton->setToolTip(m_invokeAction->toolTip());
    connect(m_invokeButton, &QPushButton::clicked, m_invokeAction, &QAction::trigger);

    m_mode->setObjectName(u"invocationType"_s);
    m_mode->addItem(tr("Synchronous (RequestResponse)"));
    m_mode->addItem(tr("Asynchronous (Event)"));

    m_notice->setObjectName(u"notice"_s);
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(u"background: #fff8e1; border: 1px solid #ffca28; padding: 4px"_s);
    m_notice->hide();
    m_status->setObjectName(u"status"_s);
    m_status->setTextFormat(Qt::RichText);
    setStatus(tr("Not invoked yet"), u"#616161"_s);

    for (const QString &field : summaryFields()) {
        auto *value = new QLabel(QStringLiteral("–"), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_values.insert(field, value);
        m_summary->addRow(tr("%1:").arg(field), value);
    }

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *view : {m_response, m_log}) {
        view->setReadOnly(true);
        view->setFont(fixed);
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_response->setObjectName(u"response"_s);
    m_response->setPlaceholderText(tr("Response"));
    m_log->setObjectName(u"log"_s);
    // START … REPORT lines are long: wrapped, as the Lambda console shows them.
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setPlaceholderText(tr("Log output (START … REPORT)"));
    m_error->setObjectName(u"error"_s);
    m_error->setOpenLinks(false);
    m_error->hide();
    connect(m_error, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        const int index = url.fragment().toInt();
        if (index >= 0 && index < m_frames.size()) {
            Q_EMIT frameActivated(m_frames.at(index).file, m_frames.at(index).line);
        }
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_invokeButton);
    top->addWidget(m_mode);
    top->addStretch(1);
    auto *results = new QSplitter(Qt::Vertical, this);
    auto *upper = new QWidget(results);
    auto *upperLayout = new QHBoxLayout(upper);
    upperLayout->setContentsMargins({});
    upperLayout->addWidget(m_response, 3);
    auto *summaryBox = new QWidget(upper);
    summaryBox->setLayout(m_summary);
    upperLayout->addWidget(summaryBox, 2);
    results->addWidget(upper);
    results->addWidget(m_error);
    results->addWidget(m_log);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_notice);
    layout->addWidget(m_status);
    layout->addWidget(results, 1);
}

void InvokeConsole::setEngine(EngineHost *host, const QString &templatePath)
{
    if (m_host) {
        disconnect(m_host, nullptr, this, nullptr);
    }
    m_host = host;
    m_templatePath = templatePath;
    if (host) {
        connect(host, &EngineHost::invocationFinished, this, &InvokeConsole::showResult);
        connect(host, &EngineHost::recordsAppended, this, &InvokeConsole::takeRecords);
    }
}

void InvokeConsole::setFunction(const FunctionConfig &function)
{
    m_function = function;
    m_invokeButton->setText(function.logicalId.isEmpty() ? tr("Invoke")
                                                         : tr("Invoke %1").arg(function.logicalId));
}

void InvokeConsole::setEvent(const QByteArray &json)
{
    m_event = json;
}

void InvokeConsole::setAsync(bool async)
{
    m_mode->setCurrentIndex(async ? 1 : 0);
}

bool InvokeConsole::isAsync() const
{
    return m_mode->currentIndex() == 1;
}

QString InvokeConsole::summaryValue(const QString &field) const
{
    const QLabel *label = m_values.value(field);
    return label ? label->text() : QString();
}

QString InvokeConsole::invoke()
{
    if (!m_host || m_function.functionName.isEmpty()) {
        setStatus(tr("No function is selected."), u"#c62828"_s);
        return {};
    }
    InvokeRequest request;
    request.functionName = m_function.functionName;
    request.payload = m_event;
    request.type = isAsync() ? InvocationType::Event : InvocationType::RequestResponse;
    request.source = u"gui"_s;
    m_async = isAsync();
    m_asyncLog.clear();
    m_running = true;
    m_frames.clear();
    m_response->clear();
    m_log->clear();
    m_error->clear();
    m_error->hide();
    clearSummary();
    setStatus(tr("Running…"), u"#1565c0"_s);
    m_requestId = m_host->invoke(request);
    m_values.value(u"Request ID"_s)->setText(m_requestId);
    return m_requestId;
}

void InvokeConsole::codeSaved(const QString &path)
{
    if (!m_host || !m_host->isRunning()) {
        return;
    }
    const QString file = QFileInfo(path).absoluteFilePath();
    for (const FunctionConfig &function : m_host->functions()) {
        if (file.startsWith(QDir(function.codeDir).absolutePath() + u'/')) {
            m_host->start(m_host->functions(), m_templatePath, m_host->options());
            m_notice->setText(
                tr("%1 was saved. Warm environments keep the code they loaded, so they were shut "
                   "down: the next invoke starts cold and runs the saved code.")
                    .arg(QFileInfo(path).fileName()));
            m_notice->show();
            Q_EMIT message(m_notice->text());
            return;
        }
    }
}

void InvokeConsole::showResult(const InvokeRequest &request, const InvokeResult &result)
{
    if (request.requestId != m_requestId) {
        return;
    }
    if (result.isServiceError()) {
        m_running = false;
        setStatus(tr("%1 (HTTP %2)").arg(result.serviceErrorCode).arg(result.httpStatus),
                  u"#c62828"_s);
        m_response->setPlainText(pretty(result.payload));
        Q_EMIT invocationShown(m_requestId, {});
        return;
    }
    if (request.type == InvocationType::Event) {
        // Accepted: the outcome comes through the journal (takeRecords()).
        setStatus(tr("Queued (HTTP %1): running asynchronously…").arg(result.httpStatus),
                  u"#1565c0"_s);
        return;
    }
    m_running = false;
    m_response->setPlainText(pretty(result.payload));
    m_log->setPlainText(QString::fromUtf8(result.log));
    showReport(result.log);
    if (result.functionError) {
        setStatus(
            tr("Failed: %1").arg(result.errorType.isEmpty() ? tr("Unhandled") : result.errorType),
            u"#c62828"_s);
        showError(result.payload, result.log);
    } else {
        setStatus(tr("Succeeded"), u"#2e7d32"_s);
        Q_EMIT invocationShown(m_requestId, {});
    }
}

void InvokeConsole::takeRecords(const std::vector<JournalRecord> &records)
{
    if (!m_async || m_requestId.isEmpty()) {
        return;
    }
    for (const JournalRecord &record : records) {
        if (record.requestId != m_requestId) {
            continue;
        }
        if (record.kind == JournalKind::LogLine) {
            const QByteArray line =
                QByteArray::fromStdString(record.data.value("message", std::string()));
            m_asyncLog += line + '\n';
            m_log->appendPlainText(QString::fromUtf8(line));
        } else if (record.kind == JournalKind::InvokeFinished) {
            m_running = false;
            showReport(m_asyncLog);
            const std::string status = record.data.value("status", std::string("success"));
            if (status == "success") {
                setStatus(
                    tr("Succeeded (asynchronous; the response goes to destinations, not here)"),
                    u"#2e7d32"_s);
                Q_EMIT invocationShown(m_requestId, {});
            } else {
                setStatus(tr("Failed (asynchronous): %1")
                              .arg(QString::fromStdString(record.data.value("errorType", status))),
                          u"#c62828"_s);
                showError({}, m_asyncLog);
            }
        }
    }
}

void InvokeConsole::showReport(const QByteArray &log)
{
    const auto report = ReportLine::find(log);
    if (!report) {
        return;
    }
    m_values.value(u"Request ID"_s)->setText(report->requestId);
    m_values.value(u"Init duration"_s)
        ->setText(report->initDurationMs ? milliseconds(*report->initDurationMs)
                                         : tr("– (warm start)"));
    m_values.value(u"Duration"_s)->setText(milliseconds(report->durationMs));
    m_values.value(u"Billed duration"_s)->setText(tr("%1 ms").arg(report->billedDurationMs));
    m_values.value(u"Memory size"_s)->setText(tr("%1 MB").arg(report->memorySizeMb));
    m_values.value(u"Max memory used"_s)->setText(tr("%1 MB").arg(report->maxMemoryUsedMb));
    InvocationFacts facts;
    facts.requestId = report->requestId;
    facts.functionName = m_function.functionName;
    facts.durationMs = report->durationMs;
    facts.billedDurationMs = report->billedDurationMs;
    facts.memorySizeMb = report->memorySizeMb;
    facts.maxMemoryUsedMb = report->maxMemoryUsedMb;
    facts.initDurationMs = report->initDurationMs;
    facts.coldStart = report->initDurationMs.has_value();
    facts.architecture = m_function.architecture;
    facts.ephemeralStorageMb = m_function.ephemeralStorageMb;
    if (!m_cost.isValid()) {
        m_values.value(u"Cost"_s)->setText(tr("unknown (no price list)"));
        return;
    }
    const InvocationCost cost = m_cost.cost(facts);
    m_values.value(u"Cost"_s)->setText(tr("%1\nrequest %2 + duration %3 (%4 GB-s)")
                                           .arg(dollars(cost.totalUsd()), dollars(cost.requestUsd),
                                                dollars(cost.durationUsd + cost.storageUsd))
                                           .arg(cost.gbSeconds, 0, 'g', 4));
}

void InvokeConsole::showError(const QByteArray &payload, const QByteArray &log)
{
    // Python's error document has stackTrace (frame strings); Node's has trace.
    QString trace;
    QString message;
    const auto doc =
        nlohmann::json::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
    if (doc.is_object()) {
        for (const char *key : {"stackTrace", "trace"}) {
            if (doc.contains(key) && doc[key].is_array()) {
                for (const auto &frame : doc[key]) {
                    if (frame.is_string()) {
                        trace += QString::fromStdString(frame.get<std::string>()) + u'\n';
                    }
                }
            }
        }
        message = QString::fromStdString(doc.value("errorType", std::string())) + u": "_s +
                  QString::fromStdString(doc.value("errorMessage", std::string()));
    }
    trace += QString::fromUtf8(log);
    m_frames = EditorTabs::parseStackTrace(trace, m_function.codeDir);
    QString html = u"<b>%1</b>"_s.arg(escaped(message));
    if (!m_frames.isEmpty()) {
        html += u"<ul>"_s;
        for (int i = 0; i < m_frames.size(); ++i) {
            const StackFrame &frame = m_frames.at(i);
            html += u"<li><a href=\"#%1\">%2:%3</a> %4</li>"_s.arg(i).arg(
                escaped(frame.file), QString::number(frame.line), escaped(frame.function));
        }
        html += u"</ul>"_s;
    }
    m_error->setHtml(html);
    m_error->show();
    Q_EMIT invocationShown(m_requestId, trace);
}

void InvokeConsole::clearSummary()
{
    for (QLabel *label : std::as_const(m_values)) {
        label->setText(QStringLiteral("–"));
    }
}

void InvokeConsole::setStatus(const QString &text, const QString &color)
{
    m_status->setText(u"<b style=\"color:%1\">%2</b>"_s.arg(color, escaped(text)));
}

} // namespace Lwb
