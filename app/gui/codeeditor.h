// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// QScintilla's headers use Qt's `signals` and `slots` keywords, which QT_NO_KEYWORDS turns off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qsciscintilla.h>
#undef slots
#undef signals

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/**
 * A QScintilla editor set up as the workbench edits code and events: a lexer chosen by the
 * file's suffix (Python, JavaScript/TypeScript, JSON), line numbers, folding, brace matching,
 * the current line highlighted, indentation guides. Its marker margin shows the handler's line
 * and error lines (a stack trace's frames, a JSON parse error). While typing `event[…` / `event.`
 * it offers the keys of the sample event (setEventSample()), and after `context.` the members of
 * the runtime's context object (Ctrl+Space asks). GUI thread.
 */
class CodeEditor : public QsciScintilla
{
    Q_OBJECT

public:
    enum class Language { Plain, Python, JavaScript, Json };

    explicit CodeEditor(QWidget *parent = nullptr);

    static Language languageForFile(const QString &path);
    void setLanguage(Language language);
    Language language() const { return m_language; }

    /** Reads @p path into the editor (unmodified afterwards); false with @p error on failure. */
    bool load(const QString &path, QString *error = nullptr);
    /** Writes the text to filePath() (atomically); false with @p error when it cannot. */
    bool save(QString *error = nullptr);
    QString filePath() const { return m_filePath; }

    /** Marks the line defining @p handlerName (`def name(`, `export … name`, `exports.name`). */
    int markHandler(const QString &handlerName);
    int handlerLine() const { return m_handlerLine; }

    /** Error markers on these 0-based lines (replacing earlier ones), each with its message. */
    void setErrorLines(const QList<int> &lines, const QStringList &messages = {});
    /** A squiggle at @p position (byte offset) and an error marker on its line. */
    void setErrorAt(int position, const QString &message);
    void clearErrors();
    QList<int> errorLines() const;

    /** The event whose keys are offered after `event[` / `event.`. */
    void setEventSample(const QByteArray &json);
    /** What completion offers with the text before the cursor being @p prefix. */
    QStringList completionsFor(const QString &prefix) const;
    /** The list shown by the last completion, empty when none was shown. */
    QStringList shownCompletions() const { return m_shown; }
    /** Shows the completions for the text before the cursor; false when there are none. */
    bool complete();

    /** Moves the cursor to 1-based @p line, shows and focuses it. */
    void goToLine(int line);

protected:
    void keyPressEvent(QKeyEvent *event) override;

    void changeEvent(QEvent *event) override;

private:
    void applyMarginWidth();
    /** Editor, margin and lexer colours from the palette, so dark themes read well too. */
    void applyColours();
    void insertCompletion(const QString &text);

    Language m_language = Language::Plain;
    QString m_filePath;
    int m_handlerLine = -1;
    QByteArray m_eventSample;
    QStringList m_shown;
    int m_errorIndicator = -1;
};

} // namespace Lwb
