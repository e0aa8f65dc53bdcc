// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editortabs.h"

#include "engine/journal.h"
#include "model/functionconfig.h"
#include "model/invocation.h"
#include "telemetry/costmodel.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <vector>

class QAction;
class QComboBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace Lwb {

class EngineHost;

/**
 * The Lambda console's Test button and execution result: invokes the selected function with
 * the current event (sync or async, Ctrl+Enter) through the EngineHost, and shows the status,
 * the pretty-printed response or error, the error's stack frames (a click jumps to the line:
 * frameActivated()), the invocation's own log lines and a summary read from its REPORT line
 * (duration, billed duration, memory, max memory used, init duration, cost by the CostModel).
 * GUI thread.
 */
class InvokeConsole : public QWidget
{
    Q_OBJECT

public:
    explicit InvokeConsole(QWidget *parent = nullptr);

    /** The engine invocations go to; @p templatePath restarts it when code is saved. */
    void setEngine(EngineHost *host, const QString &templatePath);
    void setFunction(const FunctionConfig &function);
    const FunctionConfig &function() const { return m_function; }
    /** The event the next invoke sends. */
    void setEvent(const QByteArray &json);
    QByteArray event() const { return m_event; }

    void setAsync(bool async);
    bool isAsync() const;

    QAction *invokeAction() const { return m_invokeAction; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *noticeLabel() const { return m_notice; }
    QPlainTextEdit *responseView() const { return m_response; }
    QPlainTextEdit *logView() const { return m_log; }
    QTextBrowser *errorView() const { return m_error; }
    /** The summary's value for @p field: "Duration", "Billed duration", "Cost"… */
    QString summaryValue(const QString &field) const;
    /** The request id of the invocation shown; empty before the first. */
    QString requestId() const { return m_requestId; }
    bool isRunning() const { return m_running; }
    const QList<StackFrame> &frames() const { return m_frames; }

    /** Sends the event; returns the request id (empty when no function is selected). */
    QString invoke();

public Q_SLOTS:
    /**
     * @p path was saved: a warm environment would keep running the code it loaded, so the
     * engine's environments are recycled and the user is told why the next invoke is cold.
     */
    void codeSaved(const QString &path);

Q_SIGNALS:
    /** A stack frame of the function's own code was clicked (file relative to the code folder). */
    void frameActivated(const QString &file, int line);
    /** Something the user should read in the status bar (the recycle notice). */
    void message(const QString &text);
    /** An invocation ended; @p trace is its error's stack (empty on success). */
    void invocationShown(const QString &requestId, const QString &trace);

private:
    void showResult(const InvokeRequest &request, const InvokeResult &result);
    void takeRecords(const std::vector<JournalRecord> &records);
    void showReport(const QByteArray &log);
    void showError(const QByteArray &payload, const QByteArray &log);
    void clearSummary();
    void setStatus(const QString &text, const QString &color);

    QPointer<EngineHost> m_host;
    QString m_templatePath;
    FunctionConfig m_function;
    QByteArray m_event = QByteArrayLiteral("{}");
    CostModel m_cost;
    QString m_requestId;
    bool m_running = false;
    bool m_async = false;
    QByteArray m_asyncLog;
    QList<StackFrame> m_frames;

    QAction *m_invokeAction = nullptr;
    QPushButton *m_invokeButton = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_notice = nullptr;
    QLabel *m_status = nullptr;
    QFormLayout *m_summary = nullptr;
    QHash<QString, QLabel *> m_values; ///< summary field → its value
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QTextBrowser *m_error = nullptr;
};

} // namespace Lwb
