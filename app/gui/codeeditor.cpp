// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeeditor.h"

#define signals Q_SIGNALS // see codeeditor.h
#define slots Q_SLOTS
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerpython.h>
#undef slots
#undef signals

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>
#include <QtGui/QFontDatabase>
#include <QtGui/QKeyEvent>
#include <QtWidgets/QApplication>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kLineNumberMargin = 0;
constexpr int kMarkerMargin = 1;
constexpr int kFoldMargin = 2;
constexpr int kHandlerMarker = 0;
constexpr int kErrorMarker = 1;
constexpr int kErrorLineMarker = 2;
constexpr int kCompletionList = 1;

const QStringList &pythonContext()
{
    static const QStringList members = {
        u"aws_request_id"_s,
        u"client_context"_s,
        u"function_name"_s,
        u"function_version"_s,
        u"get_remaining_time_in_millis()"_s,
        u"identity"_s,
        u"invoked_function_arn"_s,
        u"log(msg)"_s,
        u"log_group_name"_s,
        u"log_stream_name"_s,
        u"memory_limit_in_mb"_s,
        u"tenant_id"_s,
    };
    return members;
}

const QStringList &nodeContext()
{
    static const QStringList members = {
        u"awsRequestId"_s,    u"callbackWaitsForEmptyEventLoop"_s,
        u"clientContext"_s,   u"done()"_s,
        u"fail()"_s,          u"functionName"_s,
        u"functionVersion"_s, u"getRemainingTimeInMillis()"_s,
        u"identity"_s,        u"invokedFunctionArn"_s,
        u"logGroupName"_s,    u"logStreamName"_s,
        u"memoryLimitInMB"_s, u"succeed()"_s,
        u"tenantId"_s,
    };
    return members;
}

/** The word being typed: what a chosen completion replaces. */
const QRegularExpression &partialWord()
{
    static const QRegularExpression re(u"[\\w$-]*$"_s);
    return re;
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent) : QsciScintilla(parent)
{
    setUtf8(true);
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setMarginsFont(font);

    setMarginType(kLineNumberMargin, NumberMargin);
    setMarginLineNumbers(kLineNumberMargin, true);
    setMarginType(kMarkerMargin, SymbolMargin);
    setMarginWidth(kMarkerMargin, 16);
    setMarginMarkerMask(kMarkerMargin, (1 << kHandlerMarker) | (1 << kErrorMarker));
    setMarginSensitivity(kMarkerMargin, true);
    setFolding(BoxedTreeFoldStyle, kFoldMargin);
    applyMarginWidth();
    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::applyMarginWidth);

    markerDefine(RightTriangle, kHandlerMarker);
    setMarkerBackgroundColor(QColor(0x2e, 0x9e, 0x4f), kHandlerMarker);
    setMarkerForegroundColor(QColor(0x1e, 0x6e, 0x35), kHandlerMarker);
    markerDefine(Circle, kErrorMarker);
    setMarkerBackgroundColor(QColor(0xd3, 0x2f, 0x2f), kErrorMarker);
    setMarkerForegroundColor(QColor(0x8b, 0x1a, 0x1a), kErrorMarker);
    markerDefine(Background, kErrorLineMarker);
    setMarkerBackgroundColor(QColor(0xfd, 0xe4, 0xe4), kErrorLineMarker);

    m_errorIndicator = indicatorDefine(SquiggleIndicator);
    setIndicatorForegroundColor(QColor(0xd3, 0x2f, 0x2f), m_errorIndicator);
    setAnnotationDisplay(AnnotationBoxed);

    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    setIndentationGuides(true);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setTabWidth(4);
    setEolMode(EolUnix);
    applyColours();

    connect(this, &QsciScintilla::userListActivated, this, [this](int id, const QString &text) {
        if (id == kCompletionList) {
            insertCompletion(text);
        }
    });
}

CodeEditor::Language CodeEditor::languageForFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"py") {
        return Language::Python;
    }
    if (suffix == u"js" || suffix == u"mjs" || suffix == u"cjs" || suffix == u"ts" ||
        suffix == u"mts" || suffix == u"cts") {
        return Language::JavaScript;
    }
    if (suffix == u"json") {
        return Language::Json;
    }
    return Language::Plain;
}

void CodeEditor::setLanguage(Language language)
{
    m_language = language;
    QsciLexer *old = lexer();
    QsciLexer *next = nullptr;
    switch (language) {
    case Language::Python: {
        auto *python = new QsciLexerPython(this);
        python->setIndentationWarning(QsciLexerPython::Inconsistent);
        python->setFoldComments(true);
        next = python;
        break;
    }
    case Language::JavaScript:
        next = new QsciLexerJavaScript(this);
        break;
    case Language::Json:
        next = new QsciLexerJSON(this);
        setIndentationWidth(2);
        break;
    case Language::Plain:
        break;
    }
    if (next) {
        next->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    setLexer(next);
    delete old;
    applyColours();
    setCaretLineVisible(true);
}

void CodeEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::ApplicationPaletteChange) {
        applyColours();
    }
}

void CodeEditor::applyColours()
{
    // The application's palette, not palette(): setPaper() and friends set the editor's own,
    // which would then never follow a theme change.
    const QPalette p = QApplication::palette(this);
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    setPaper(base);
    setColor(text);
    setCaretForegroundColor(text);
    setCaretLineBackgroundColor(dark ? base.lighter(140) : QColor(0xf2, 0xf6, 0xfc));
    setMarginsBackgroundColor(p.color(QPalette::Window));
    setMarginsForegroundColor(p.color(QPalette::PlaceholderText));
    setFoldMarginColors(p.color(QPalette::Window), p.color(QPalette::Window));
    setSelectionBackgroundColor(p.color(QPalette::Highlight));
    setSelectionForegroundColor(p.color(QPalette::HighlightedText));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3d, 0x5a, 0x3d) : QColor(0xc8, 0xf0, 0xc8));
    setMatchedBraceForegroundColor(text);
    setMarkerBackgroundColor(dark ? QColor(0x5a, 0x24, 0x24) : QColor(0xfd, 0xe4, 0xe4),
                             kErrorLineMarker);
    QsciLexer *current = lexer();
    if (!current) {
        return;
    }
    current->setDefaultPaper(base);
    current->setDefaultColor(text);
    current->setPaper(base, -1);
    // The lexers' colours are made for white paper: on dark paper, mirror their lightness and
    // keep their hue, so keywords, strings and comments stay as distinct as on light paper.
    for (int style = 0; style < 128; ++style) {
        if (current->description(style).isEmpty()) {
            continue;
        }
        const QColor light = current->defaultColor(style);
        if (!dark) {
            current->setColor(light, style);
            continue;
        }
        float h = 0, s = 0, l = 0;
        light.getHslF(&h, &s, &l);
        current->setColor(QColor::fromHslF(h, s, std::clamp(1.0f - l, 0.55f, 0.9f)), style);
    }
}

bool CodeEditor::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    setLanguage(languageForFile(path));
    setText(QString::fromUtf8(file.readAll()));
    setModified(false);
    return true;
}

bool CodeEditor::save(QString *error)
{
    QSaveFile file(m_filePath);
    const QByteArray bytes = text().toUtf8();
    if (m_filePath.isEmpty() || !file.open(QIODevice::WriteOnly) ||
        file.write(bytes) != bytes.size() || !file.commit()) {
        if (error) {
            *error = tr("Cannot write %1: %2").arg(m_filePath, file.errorString());
        }
        return false;
    }
    setModified(false);
    return true;
}

int CodeEditor::markHandler(const QString &handlerName)
{
    markerDeleteAll(kHandlerMarker);
    m_handlerLine = -1;
    const QString name = QRegularExpression::escape(handlerName);
    const QRegularExpression definition(
        m_language == Language::Python
            ? u"^\\s*(async\\s+)?def\\s+%1\\s*\\("_s.arg(name)
            : u"^\\s*(export\\s+(const|let|var|async\\s+function|function)\\s*\\*?\\s*%1\\b"
              u"|(module\\.)?exports\\.%1\\s*=)"_s.arg(name));
    for (int line = 0; line < lines(); ++line) {
        if (definition.match(text(line)).hasMatch()) {
            m_handlerLine = line;
            markerAdd(line, kHandlerMarker);
            break;
        }
    }
    return m_handlerLine;
}

void CodeEditor::setErrorLines(const QList<int> &errorLines, const QStringList &messages)
{
    clearErrors();
    for (int i = 0; i < errorLines.size(); ++i) {
        const int line = errorLines.at(i);
        markerAdd(line, kErrorMarker);
        markerAdd(line, kErrorLineMarker);
        if (i < messages.size() && !messages.at(i).isEmpty()) {
            annotate(line, messages.at(i), 0);
        }
    }
}

void CodeEditor::setErrorAt(int position, const QString &message)
{
    clearErrors();
    int line = 0;
    int index = 0;
    lineIndexFromPosition(qMin(position, length()), &line, &index);
    markerAdd(line, kErrorMarker);
    // A parse error at the end of the text has nothing under it: underline the last character.
    const int start = qMax(0, qMin(position, length() - 1));
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORFILLRANGE, start, 1);
    annotate(line, message, 0);
}

void CodeEditor::clearErrors()
{
    markerDeleteAll(kErrorMarker);
    markerDeleteAll(kErrorLineMarker);
    clearAnnotations();
    SendScintilla(SCI_SETINDICATORCURRENT, m_errorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, length());
}

QList<int> CodeEditor::errorLines() const
{
    QList<int> out;
    for (int line = markerFindNext(0, 1 << kErrorMarker); line >= 0;
         line = markerFindNext(line + 1, 1 << kErrorMarker)) {
        out.append(line);
    }
    return out;
}

void CodeEditor::setEventSample(const QByteArray &json)
{
    m_eventSample = json;
}

QStringList CodeEditor::completionsFor(const QString &prefix) const
{
    static const QRegularExpression contextAccess(u"\\bcontext\\.([\\w$]*)$"_s);
    const QRegularExpressionMatch contextMatch = contextAccess.match(prefix);
    if (contextMatch.hasMatch()) {
        const QStringList &members =
            m_language == Language::Python ? pythonContext() : nodeContext();
        return members.filter(
            QRegularExpression(u"^"_s + QRegularExpression::escape(contextMatch.captured(1))));
    }

    // event["a"]["b"][0].c  /  event.get("a")  /  then the opening of one more key.
    static const QString segment = u"(?:\\[\\s*[\"'][^\"']*[\"']\\s*\\]|\\[\\s*\\d+\\s*\\]|\\."
                                   u"get\\(\\s*[\"'][^\"']*[\"'][^)]*\\)"
                                   u"|\\.[A-Za-z_$][\\w$]*)"_s;
    static const QRegularExpression eventAccess(
        u"\\bevent((?:%1)*)(\\[\\s*[\"']|\\.get\\(\\s*[\"']|\\.)([\\w$-]*)$"_s.arg(segment));
    const QRegularExpressionMatch eventMatch = eventAccess.match(prefix);
    if (!eventMatch.hasMatch() || m_eventSample.isEmpty()) {
        return {};
    }
    if (eventMatch.captured(2) == u"." && m_language != Language::JavaScript) {
        return {};
    }
    const nlohmann::json sample =
        nlohmann::json::parse(m_eventSample.constBegin(), m_eventSample.constEnd(), nullptr, false);
    const nlohmann::json *node = &sample;
    static const QRegularExpression segments(u"\\[\\s*[\"']([^\"']*)[\"']\\s*\\]|\\[\\s*(\\d+)\\s*"
                                             u"\\]|\\.get\\(\\s*[\"']([^\"']*)[\"'][^)]*\\)"
                                             u"|\\.([A-Za-z_$][\\w$]*)"_s);
    for (auto it = segments.globalMatch(eventMatch.captured(1)); it.hasNext();) {
        const QRegularExpressionMatch part = it.next();
        if (!part.captured(2).isEmpty()) {
            const size_t index = part.captured(2).toUInt();
            if (!node->is_array() || index >= node->size()) {
                return {};
            }
            node = &(*node)[index];
            continue;
        }
        const std::string key =
            (part.captured(1) + part.captured(3) + part.captured(4)).toStdString();
        if (!node->is_object() || !node->contains(key)) {
            return {};
        }
        node = &(*node)[key];
    }
    if (!node->is_object()) {
        return {};
    }
    const QString typed = eventMatch.captured(3);
    QStringList keys;
    for (auto it = node->begin(); it != node->end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (key.startsWith(typed)) {
            keys.append(key);
        }
    }
    keys.sort();
    return keys;
}

bool CodeEditor::complete()
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    const QString before = text(line).left(index);
    const QStringList items = completionsFor(before);
    m_shown = items;
    if (items.isEmpty()) {
        return false;
    }
    showUserList(kCompletionList, items);
    return true;
}

void CodeEditor::insertCompletion(const QString &text)
{
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    const QString before = this->text(line).left(index);
    const qsizetype typed = partialWord().match(before).capturedLength();
    QString word = text;
    // Methods are offered with their parentheses; the arguments are the user's to type.
    if (word.endsWith(u')')) {
        word = word.left(word.indexOf(u'(') + 1) + u')';
    }
    setSelection(line, index - int(typed), line, index);
    replaceSelectedText(word);
}

void CodeEditor::goToLine(int line)
{
    const int target = qBound(0, line - 1, qMax(0, lines() - 1));
    setCursorPosition(target, 0);
    ensureLineVisible(target);
    setFocus();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        complete();
        return;
    }
    QsciScintilla::keyPressEvent(event);
    const QString typed = event->text();
    if (!isListActive() &&
        (typed == u"." || typed == u"[" || typed == u"\"" || typed == u"'" || typed == u"(")) {
        complete();
    }
}

void CodeEditor::applyMarginWidth()
{
    setMarginWidth(kLineNumberMargin,
                   u"0"_s.repeated(qMax(3, int(QString::number(lines()).size()) + 1)));
}

} // namespace Lwb
