// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/functionconfig.h"

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

class QAction;
class QLineEdit;
class QTabWidget;
class QToolButton;

namespace Lwb {

class CodeEditor;

/** One frame of a stack trace that lies in the function's own code. */
struct StackFrame
{
    QString file;     ///< relative to the code folder (/var/task), '/'-separated
    int line = 0;     ///< 1-based
    QString function; ///< when the trace names it
};

/**
 * The function's files, one CodeEditor tab each (the handler's module first, its line marked),
 * with a `*` on unsaved tabs, Ctrl+S to save, a find/replace bar (Ctrl+F, Ctrl+H), go to line
 * (Ctrl+G), completion of the sample event's keys and of `context.` members, and error markers
 * from a stack trace. GUI thread.
 */
class EditorTabs : public QWidget
{
    Q_OBJECT

public:
    explicit EditorTabs(QWidget *parent = nullptr);

    /** Closes every tab and opens @p function's source files (no prompt: see maybeSave()). */
    void setFunction(const FunctionConfig &function);
    const FunctionConfig &function() const { return m_function; }

    /** Opens @p path (or shows its tab) and returns its editor; null when it cannot be read. */
    CodeEditor *openFile(const QString &path);
    CodeEditor *editorFor(const QString &path) const;
    CodeEditor *currentEditor() const;
    CodeEditor *editor(int index) const;
    int count() const;
    QTabWidget *tabs() const { return m_tabs; }
    /** The file the handler setting points at (app.lambda_handler → <code>/app.py), if any. */
    QString handlerFile() const;

    bool isModified() const;
    bool save(CodeEditor *editor);
    bool saveCurrent();
    bool saveAll();
    /** Ctrl+S in the tabs: saves the current file. A window with a Save of its own clears its keys. */
    QAction *saveAction() const { return m_saveAction; }
    /** Asks to save, discard or cancel when a tab is unsaved; false when the user cancels. */
    bool maybeSave();

    /** The find/replace bar; replace shows its second row. */
    void showFind(bool replace = false);
    QLineEdit *findField() const { return m_findText; }
    QLineEdit *replaceField() const { return m_replaceText; }
    bool findNext();
    bool replaceOne();
    int replaceAll();

    /** Asks for a line number and goes there. */
    void askGoToLine();

    /** The event whose keys `event[` completes. */
    void setEventSample(const QByteArray &json);

    /** Frames of the function's own files in a Python traceback or Node stack. */
    static QList<StackFrame> parseStackTrace(const QString &trace, const QString &codeDir);
    /** Error markers on the lines of @p trace's frames (replacing earlier ones); the frames. */
    QList<StackFrame> showStackTrace(const QString &trace, const QString &message = {});
    void clearErrors();
    /** Opens @p file (relative to the code folder, or absolute) at 1-based @p line. */
    bool jumpToFrame(const QString &file, int line);

Q_SIGNALS:
    /** A file was written: the next invoke must run it (see InvokeConsole::codeSaved()). */
    void fileSaved(const QString &path);
    void message(const QString &text);

private:
    void updateTitle(CodeEditor *editor);
    QString absolutePath(const QString &file) const;

    FunctionConfig m_function;
    QByteArray m_eventSample;
    QTabWidget *m_tabs = nullptr;
    QAction *m_saveAction = nullptr;
    QWidget *m_findBar = nullptr;
    QWidget *m_replaceRow = nullptr;
    QLineEdit *m_findText = nullptr;
    QLineEdit *m_replaceText = nullptr;
};

} // namespace Lwb
