// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "editortabs.h"

#include "codeeditor.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtGui/QAction>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kMaxExtraFiles = 20;

const QStringList &sourceSuffixes()
{
    static const QStringList suffixes = {u"py"_s, u"mjs"_s, u"js"_s, u"cjs"_s, u"ts"_s, u"mts"_s};
    return suffixes;
}

QToolButton *barButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setAutoRaise(true);
    return button;
}

} // namespace

EditorTabs::EditorTabs(QWidget *parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_findBar(new QWidget(this)),
      m_replaceRow(new QWidget(m_findBar)), m_findText(new QLineEdit(m_findBar)),
      m_replaceText(new QLineEdit(m_replaceRow))
{
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);

    m_findText->setObjectName(u"findText"_s);
    m_findText->setPlaceholderText(tr("Find"));
    m_findText->setClearButtonEnabled(true);
    m_replaceText->setObjectName(u"replaceText"_s);
    m_replaceText->setPlaceholderText(tr("Replace with"));
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_findText, 1);
    QToolButton *nextButton = barButton(tr("Next"), m_findBar);
    QToolButton *closeButton = barButton(tr("Close"), m_findBar);
    findRow->addWidget(nextButton);
    findRow->addWidget(closeButton);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins({});
    replaceRow->addWidget(m_replaceText, 1);
    QToolButton *replaceButton = barButton(tr("Replace"), m_replaceRow);
    QToolButton *replaceAllButton = barButton(tr("Replace All"), m_replaceRow);
    replaceRow->addWidget(replaceButton);
    replaceRow->addWidget(replaceAllButton);
    auto *barLayout = new QVBoxLayout(m_findBar);
    barLayout->setContentsMargins(4, 2, 4, 2);
    barLayout->addLayout(findRow);
    barLayout->addWidget(m_replaceRow);
    m_findBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->setSpacing(0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_findBar);

    connect(m_findText, &QLineEdit::returnPressed, this, &EditorTabs::findNext);
    connect(nextButton, &QToolButton::clicked, this, &EditorTabs::findNext);
    connect(m_replaceText, &QLineEdit::returnPressed, this, &EditorTabs::replaceOne);
    connect(replaceButton, &QToolButton::clicked, this, &EditorTabs::replaceOne);
    connect(replaceAllButton, &QToolButton::clicked, this, &EditorTabs::replaceAll);
    connect(closeButton, &QToolButton::clicked, this, [this] {
        m_findBar->hide();
        if (CodeEditor *editor = currentEditor()) {
            editor->setFocus();
        }
    });

    auto addShortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_saveAction = addShortcut(QKeySequence::Save, [this] { saveCurrent(); });
    addShortcut(QKeySequence::Find, [this] { showFind(false); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_H), [this] { showFind(true); });
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), [this] { askGoToLine(); });
    addShortcut(QKeySequence(Qt::Key_Escape), [this] {
        if (m_findBar->isVisible()) {
            m_findBar->hide();
            if (CodeEditor *editor = currentEditor()) {
                editor->setFocus();
            }
        }
    });
}

void EditorTabs::setFunction(const FunctionConfig &function)
{
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    m_function = function;
    if (function.codeDir.isEmpty()) {
        return; // an image function, or none: no code folder to show
    }
    const QString handler = handlerFile();
    if (!handler.isEmpty()) {
        openFile(handler);
    }
    const QDir code(function.codeDir);
    QStringList patterns;
    for (const QString &suffix : sourceSuffixes()) {
        patterns.append(u"*."_s + suffix);
    }
    patterns.append(u"*.json"_s);
    int extra = 0;
    for (const QFileInfo &file : code.entryInfoList(patterns, QDir::Files, QDir::Name)) {
        if (file.fileName() == u"package-lock.json" || editorFor(file.absoluteFilePath())) {
            continue;
        }
        if (++extra > kMaxExtraFiles) {
            break;
        }
        openFile(file.absoluteFilePath());
    }
    m_tabs->setCurrentIndex(0);
}

QString EditorTabs::handlerFile() const
{
    const QString handler = m_function.handler;
    const qsizetype dot = handler.lastIndexOf(u'.');
    if (dot <= 0 || m_function.codeDir.isEmpty()) {
        return {};
    }
    const QString module = QDir(m_function.codeDir).filePath(handler.left(dot));
    for (const QString &suffix : sourceSuffixes()) {
        const QString path = module + u'.' + suffix;
        if (QFileInfo(path).isFile()) {
            return QFileInfo(path).absoluteFilePath();
        }
    }
    return {};
}

CodeEditor *EditorTabs::openFile(const QString &path)
{
    if (CodeEditor *open = editorFor(path)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto *editor = new CodeEditor;
    QString error;
    if (!editor->load(path, &error)) {
        delete editor;
        Q_EMIT message(error);
        return nullptr;
    }
    editor->setEventSample(m_eventSample);
    if (editor->filePath() == handlerFile()) {
        editor->markHandler(m_function.handler.mid(m_function.handler.lastIndexOf(u'.') + 1));
    }
    const int index = m_tabs->addTab(editor, QString());
    m_tabs->setTabToolTip(index, QDir::toNativeSeparators(editor->filePath()));
    updateTitle(editor);
    connect(editor, &CodeEditor::modificationChanged, this,
            [this, editor] { updateTitle(editor); });
    m_tabs->setCurrentIndex(index);
    return editor;
}

CodeEditor *EditorTabs::editorFor(const QString &path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (editor(i)->filePath() == absolute) {
            return editor(i);
        }
    }
    return nullptr;
}

CodeEditor *EditorTabs::currentEditor() const
{
    return qobject_cast<CodeEditor *>(m_tabs->currentWidget());
}

CodeEditor *EditorTabs::editor(int index) const
{
    return qobject_cast<CodeEditor *>(m_tabs->widget(index));
}

int EditorTabs::count() const
{
    return m_tabs->count();
}

bool EditorTabs::isModified() const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (editor(i)->isModified()) {
            return true;
        }
    }
    return false;
}

bool EditorTabs::save(CodeEditor *editor)
{
    QString error;
    if (!editor || !editor->save(&error)) {
        Q_EMIT message(error);
        return false;
    }
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(editor->filePath())));
    Q_EMIT fileSaved(editor->filePath());
    return true;
}

bool EditorTabs::saveCurrent()
{
    return save(currentEditor());
}

bool EditorTabs::saveAll()
{
    bool ok = true;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (editor(i)->isModified()) {
            ok = save(editor(i)) && ok;
        }
    }
    return ok;
}

bool EditorTabs::maybeSave()
{
    QStringList unsaved;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (editor(i)->isModified()) {
            unsaved.append(QFileInfo(editor(i)->filePath()).fileName());
        }
    }
    if (unsaved.isEmpty()) {
        return true;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them?").arg(unsaved.join(u", "_s)),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    if (answer == QMessageBox::Save) {
        return saveAll();
    }
    return true;
}

void EditorTabs::showFind(bool replace)
{
    m_replaceRow->setVisible(replace);
    m_findBar->show();
    if (CodeEditor *editor = currentEditor();
        editor && editor->hasSelectedText() && !editor->selectedText().contains(u'\n')) {
        m_findText->setText(editor->selectedText());
    }
    m_findText->setFocus();
    m_findText->selectAll();
}

bool EditorTabs::findNext()
{
    CodeEditor *editor = currentEditor();
    if (!editor || m_findText->text().isEmpty()) {
        return false;
    }
    const bool found = editor->findFirst(m_findText->text(), false, false, false, true);
    Q_EMIT message(found ? QString() : tr("'%1' not found").arg(m_findText->text()));
    return found;
}

bool EditorTabs::replaceOne()
{
    CodeEditor *editor = currentEditor();
    if (!editor || m_findText->text().isEmpty()) {
        return false;
    }
    if (editor->selectedText() == m_findText->text()) {
        editor->replaceSelectedText(m_replaceText->text());
    }
    return findNext();
}

int EditorTabs::replaceAll()
{
    CodeEditor *editor = currentEditor();
    if (!editor || m_findText->text().isEmpty()) {
        return 0;
    }
    int replaced = 0;
    editor->beginUndoAction();
    editor->setCursorPosition(0, 0);
    for (bool found = editor->findFirst(m_findText->text(), false, false, false, false); found;
         found = editor->findNext()) {
        editor->replace(m_replaceText->text());
        ++replaced;
    }
    editor->endUndoAction();
    Q_EMIT message(tr("Replaced %n occurrence(s)", nullptr, replaced));
    return replaced;
}

void EditorTabs::askGoToLine()
{
    CodeEditor *editor = currentEditor();
    if (!editor) {
        return;
    }
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    bool ok = false;
    const int target =
        QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1–%1):").arg(editor->lines()),
                             line + 1, 1, editor->lines(), 1, &ok);
    if (ok) {
        editor->goToLine(target);
    }
}

void EditorTabs::setEventSample(const QByteArray &json)
{
    m_eventSample = json;
    for (int i = 0; i < m_tabs->count(); ++i) {
        editor(i)->setEventSample(json);
    }
}

QList<StackFrame> EditorTabs::parseStackTrace(const QString &trace, const QString &codeDir)
{
    // Python: File "/var/task/app.py", line 5, in lambda_handler
    // Node:   at Runtime.handler (file:///var/task/app.mjs:5:11)  /  at /var/task/app.js:5:11
    static const QRegularExpression python(
        u"File \"([^\"]+)\", line (\\d+)(?:, in ([^\\s\"]+))?"_s);
    static const QRegularExpression node(
        u"\\bat (?:([^\\s(]+(?: \\[as [^\\]]+\\])?) \\()?(?:file://)?(/[^\\s():]+):(\\d+):\\d+\\)?"_s);
    const QString root = QDir(codeDir).absolutePath() + u'/';
    auto relative = [&root](const QString &path) -> QString {
        for (const QString &prefix : {u"/var/task/"_s, root}) {
            if (path.startsWith(prefix)) {
                return path.mid(prefix.size());
            }
        }
        return {};
    };
    struct Hit
    {
        qsizetype offset;
        StackFrame frame;
    };
    QList<Hit> hits;
    for (auto it = python.globalMatch(trace); it.hasNext();) {
        const auto m = it.next();
        hits.append(
            {m.capturedStart(), {relative(m.captured(1)), m.captured(2).toInt(), m.captured(3)}});
    }
    for (auto it = node.globalMatch(trace); it.hasNext();) {
        const auto m = it.next();
        hits.append(
            {m.capturedStart(), {relative(m.captured(2)), m.captured(3).toInt(), m.captured(1)}});
    }
    std::sort(hits.begin(), hits.end(),
              [](const Hit &a, const Hit &b) { return a.offset < b.offset; });
    QList<StackFrame> frames;
    for (const Hit &hit : hits) {
        const bool seen = std::any_of(frames.cbegin(), frames.cend(), [&hit](const StackFrame &f) {
            return f.file == hit.frame.file && f.line == hit.frame.line;
        });
        if (!hit.frame.file.isEmpty() && !hit.frame.file.startsWith(u"node_modules/") &&
            hit.frame.line > 0 && !seen) {
            frames.append(hit.frame);
        }
    }
    return frames;
}

QList<StackFrame> EditorTabs::showStackTrace(const QString &trace, const QString &message)
{
    clearErrors();
    const QList<StackFrame> frames = parseStackTrace(trace, m_function.codeDir);
    QHash<CodeEditor *, QList<int>> lines;
    QHash<CodeEditor *, QStringList> messages;
    for (const StackFrame &frame : frames) {
        const QString path = absolutePath(frame.file);
        CodeEditor *editor = editorFor(path);
        if (!editor && QFileInfo(path).isFile()) {
            const int current = m_tabs->currentIndex();
            editor = openFile(path);
            m_tabs->setCurrentIndex(current);
        }
        if (editor) {
            lines[editor].append(frame.line - 1);
            messages[editor].append(&frame == &frames.constLast() ? message : QString());
        }
    }
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        it.key()->setErrorLines(it.value(), messages.value(it.key()));
    }
    return frames;
}

void EditorTabs::clearErrors()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        editor(i)->clearErrors();
    }
}

bool EditorTabs::jumpToFrame(const QString &file, int line)
{
    CodeEditor *editor = openFile(absolutePath(file));
    if (!editor) {
        return false;
    }
    m_tabs->setCurrentWidget(editor);
    editor->goToLine(line);
    return true;
}

QString EditorTabs::absolutePath(const QString &file) const
{
    return QFileInfo(file).isAbsolute() ? file : QDir(m_function.codeDir).filePath(file);
}

void EditorTabs::updateTitle(CodeEditor *editor)
{
    const int index = m_tabs->indexOf(editor);
    if (index < 0) {
        return;
    }
    QString title = QDir(m_function.codeDir).relativeFilePath(editor->filePath());
    if (title.startsWith(u"../"_s)) {
        title = QFileInfo(editor->filePath()).fileName();
    }
    m_tabs->setTabText(index, editor->isModified() ? title + u'*' : title);
}

} // namespace Lwb
