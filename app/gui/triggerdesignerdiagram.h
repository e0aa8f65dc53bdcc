// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QRect>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <vector>

class QPainter;
class QPushButton;

namespace Lwb {

class TriggerDesignerModel;

/**
 * The function overview diagram of the trigger designer, drawn like the Lambda console's:
 * trigger boxes on the left (type icon, name, what it listens to), the function in the middle
 * with its layers under it, the on-success / on-failure destinations and the dead-letter queue
 * on the right, joined by lines; "+ Add trigger" and "+ Add destination" under their columns.
 * A view of a TriggerDesignerModel (not owned); it selects nothing itself: a click says which
 * box (clicked()) and the owner sets the current one (setCurrent()). GUI thread.
 */
class TriggerDesignerDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit TriggerDesignerDiagram(TriggerDesignerModel *model, QWidget *parent = nullptr);

    /** Highlights the box whose TriggerDesignerModel::IdRole is @p id (none when empty). */
    void setCurrent(const QString &id);
    QString current() const { return m_current; }

    /** Where the box of @p id is drawn, in widget coordinates; null when there is none. */
    QRect boxRect(const QString &id) const;

    QPushButton *addTriggerButton() const { return m_addTrigger; }
    QPushButton *addDestinationButton() const { return m_addDestination; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /** The box of @p id was clicked; an empty @p id: the background. */
    void clicked(const QString &id);
    /** Delete was pressed with the box @p id current. */
    void deleteRequested(const QString &id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Box
    {
        QString id;
        int row;
        QRect rect;
    };

    void relayout();
    void paintBox(QPainter &painter, const Box &box) const;

    TriggerDesignerModel *m_model;
    QPushButton *m_addTrigger;
    QPushButton *m_addDestination;
    std::vector<Box> m_boxes;
    QRect m_functionRect;
    QSize m_contentSize;
    QString m_current;
};

} // namespace Lwb
