using System.Text.Json.Nodes;
using Workflow.Engine.Definitions;
using Workflow.Engine.Expressions;
using Workflow.Engine.Journal;

namespace Workflow.Engine.Execution;

/// <summary>
/// Runs an instance from an event (start, resume, timer) until every path waits or it ends, and returns the
/// resulting <see cref="Transition"/>. It touches no storage: the store applies the transition atomically.
/// </summary>
public sealed class WorkflowExecutor(ExpressionEvaluator expressions, ActionRegistry actions, TimeProvider clock, IDueDateCalendar? dueDates = null)
{
    private readonly ExpressionEvaluator _expressions = expressions;
    private readonly ActionRegistry _actions = actions;

    /// <summary>Guards against runaway execution that validation could not rule out (e.g. a decision looping through a fork).</summary>
    public const int MaxStepsPerTransition = 10_000;

    /// <param name="unitOfWork">The transaction the transition is written in, handed to every action handler that runs.</param>
    public async Task<Transition> StartAsync(WorkflowDefinition definition, Guid instanceId, JsonObject input, string actor, IActionUnitOfWork unitOfWork, CancellationToken cancellationToken = default)
    {
        var state = new InstanceState { Input = input, Variables = [] };
        var run = new Run(this, definition, instanceId, new Transition(state), actor, clock.GetUtcNow(), unitOfWork, cancellationToken);
        run.Record(JournalKind.Started, definition.Start.Id, null, null, input.ToJsonString(EngineJson.Options));
        var token = new Token(state.NewId("t"), definition.Start.Id, []);
        state.Tokens.Add(token);
        await run.AdvanceAsync(token, ActivityDefinition.Done);
        return run.Finish();
    }

    /// <exception cref="InvalidPayloadException">The decision does not fit the task's outcomes or form.</exception>
    /// <param name="unitOfWork">The transaction the transition is written in, handed to every action handler that runs.</param>
    public async Task<Transition> ResumeAsync(WorkflowDefinition definition, Guid instanceId, InstanceState current, Bookmark bookmark, ResumeRequest request, IActionUnitOfWork unitOfWork,
        CancellationToken cancellationToken = default)
    {
        var activity = definition.Activity(bookmark.ActivityId);
        if (activity is UserTaskActivity task) FormValidator.Validate(task, request);
        var state = current.Clone();
        var token = state.Tokens.FirstOrDefault(t => t.BookmarkId == bookmark.Id)
            ?? throw new WorkflowException(WorkflowError.BookmarkNotFound, $"bookmark {bookmark.Id} has no waiting path in instance {instanceId}");
        var run = new Run(this, definition, instanceId, new Transition(state), request.Actor, clock.GetUtcNow(), unitOfWork, cancellationToken);
        run.CloseBookmark(token);
        token = token with { BookmarkId = null };
        state.Tokens[state.Tokens.FindIndex(t => t.Id == token.Id)] = token;
        string outcome;
        switch (activity)
        {
            case UserTaskActivity:
                outcome = request.Outcome!;
                var decision = new JsonObject
                {
                    [UserTaskActivity.DecisionOutcome] = outcome, [UserTaskActivity.DecisionBy] = request.Actor, [UserTaskActivity.DecisionAt] = run.Now.ToString("O"),
                };
                if (request.Comment is not null) decision[UserTaskActivity.DecisionComment] = request.Comment;
                foreach (var (name, value) in request.Form ?? new JsonObject()) decision[name] = value?.DeepClone();
                state.Variables[activity.Id] = decision;
                run.Record(JournalKind.Resumed, activity.Id, outcome, bookmark.Id, decision.ToJsonString(EngineJson.Options));
                break;
            case ChildWorkflowActivity:
                outcome = request.Outcome ?? ActivityDefinition.Done;
                run.Record(JournalKind.ChildFinished, activity.Id, outcome, bookmark.Id, null);
                break;
            default:
                outcome = ActivityDefinition.Done;
                run.Record(JournalKind.TimerFired, activity.Id, outcome, bookmark.Id, null);
                break;
        }
        await run.AdvanceAsync(token, outcome);
        return run.Finish();
    }

    /// <summary>
    /// A reminder or escalation of an open user task: no state changes, a journal row and a notification. Both carry
    /// <paramref name="plannedAt"/>, the timer's due time, so a reminder fired late (after a stop) can be told from one on time.
    /// </summary>
    public Transition Remind(WorkflowDefinition definition, Guid instanceId, InstanceState current, Bookmark bookmark, TimerPurpose purpose, DateTimeOffset plannedAt)
    {
        var run = new Run(this, definition, instanceId, new Transition(current), "system", clock.GetUtcNow(), ActionUnitOfWork.None, CancellationToken.None);
        var escalated = purpose == TimerPurpose.Escalation;
        run.Record(escalated ? JournalKind.Escalated : JournalKind.Reminded, bookmark.ActivityId, null, bookmark.Id,
            new JsonObject { ["dueAt"] = plannedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }.ToJsonString(EngineJson.Options));
        var title = bookmark.Title ?? bookmark.ActivityId;
        var due = bookmark.DueAt is { } d ? TimeZoneInfo.ConvertTime(d, Schedules.China).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
        // The rule's due date moved off a day off when the task opened: the reminder says so, as a moved meeting's does.
        var moved = definition.Activity(bookmark.ActivityId) is UserTaskActivity { Due: { } span } && DueAt(bookmark.CreatedAt + span) is { Note: { } why } ? $"（{why}）" : "";
        var assignee = new Recipient(bookmark.Role ?? "", bookmark.ApproverKind, bookmark.RegionCode, bookmark.AssigneeUserId);
        var step = escalated && definition.TryGetActivity(bookmark.ActivityId, out var activity) ? activity as UserTaskActivity : null;
        var escalateTo = step is { EscalateTo: { } to } ? run.RecipientOf(to) : null;
        run.Notify(escalated ? "escalation" : "reminder", bookmark.Id, escalateTo ?? assignee,
            escalated ? $"已逾期：{title}" : $"待办提醒：{title}",
            escalated ? $"“{title}”已超过办理期限（{due}{moved}），请尽快处理或督办。" : $"“{title}”将于 {due}{moved} 到期，请及时办理。", plannedAt,
            urgent: step is { UrgentEscalation: true });
        return run.Finish(InstanceStatus.Blocked);
    }

    private DueDate DueAt(DateTimeOffset due) => dueDates?.Adjust(due) ?? new DueDate(due, null);

    /// <summary>
    /// An open task whose rule's due date the calendar now puts on another day (an admin made a day a holiday or a working day):
    /// the task falls due then, and its reminders and escalation that have not gone out move with it under new keys, so each
    /// still goes out once. Null when the date stays, or when the new one has already passed: a calendar change never makes a
    /// task overdue at once.
    /// </summary>
    /// <param name="unfired">The keys of the task's timers that have not fired.</param>
    public Transition? MoveDue(WorkflowDefinition definition, Guid instanceId, InstanceState current, Bookmark bookmark, IReadOnlyCollection<string> unfired, string actor)
    {
        var now = clock.GetUtcNow();
        if (!TryMoveDue(definition, bookmark, now, out var task, out var target)) return null;
        var run = new Run(this, definition, instanceId, new Transition(current), actor, now, ActionUnitOfWork.None, CancellationToken.None);
        var data = new JsonObject { ["from"] = bookmark.DueAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["to"] = target.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        if (target.Note is { } note) data["reason"] = note;
        run.Record(JournalKind.DueMoved, bookmark.ActivityId, null, bookmark.Id, data.ToJsonString(EngineJson.Options));
        var pending = unfired.Select(TimerSlot).ToHashSet(StringComparer.Ordinal);
        var stamp = target.At.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        run.ScheduleTaskTimers(bookmark, task, target.At, slot => pending.Contains(slot) ? $"{slot}@{stamp}" : null);
        run.MoveDue(bookmark.Id, target.At);
        return run.Finish(InstanceStatus.Blocked);
    }

    /// <summary>The due date the calendar now gives the open task, when it differs from the one it has and lies ahead.</summary>
    public DueDate? DueMoveOf(WorkflowDefinition definition, Bookmark bookmark, DateTimeOffset now) =>
        TryMoveDue(definition, bookmark, now, out _, out var target) ? target : null;

    private bool TryMoveDue(WorkflowDefinition definition, Bookmark bookmark, DateTimeOffset now, out UserTaskActivity task, out DueDate target)
    {
        task = null!;
        target = null!;
        if (bookmark.Kind != BookmarkKind.UserTask || !definition.TryGetActivity(bookmark.ActivityId, out var activity) || activity is not UserTaskActivity { Due: { } span } found)
            return false;
        (task, target) = (found, DueAt(bookmark.CreatedAt + span));
        return target.At != bookmark.DueAt && target.At > now;
    }

    /// <summary>A task timer's place among its reminders and escalation, whatever due date its key was made for.</summary>
    private static string TimerSlot(string key) => key.Split('@')[0];

    public Transition Cancel(WorkflowDefinition definition, Guid instanceId, InstanceState current, string actor, string? reason)
    {
        var run = new Run(this, definition, instanceId, new Transition(current.Clone()), actor, clock.GetUtcNow(), ActionUnitOfWork.None, CancellationToken.None);
        run.CancelAll(null);
        run.Record(JournalKind.Cancelled, null, null, null, reason is null ? null : new JsonObject { ["reason"] = reason }.ToJsonString(EngineJson.Options));
        return run.Finish(InstanceStatus.Cancelled);
    }

    private sealed class Run(WorkflowExecutor executor, WorkflowDefinition definition, Guid instanceId, Transition transition, string actor, DateTimeOffset now,
        IActionUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        private readonly Queue<Token> _ready = new();
        private InstanceState State => transition.State;
        private int _steps;
        private bool _ended;

        public DateTimeOffset Now => now;

        public void Record(JournalKind kind, string? activityId, string? outcome, Guid? bookmarkId, string? data) =>
            transition.Journal.Add(new JournalRecord(now, actor, kind, activityId, outcome, bookmarkId, data));

        public void Notify(string kind, Guid? bookmarkId, Recipient to, string subject, string body, DateTimeOffset? dueAt = null, bool urgent = false) =>
            transition.Notifications.Add(new NotificationMessage(Guid.CreateVersion7(now), kind, instanceId, bookmarkId, to, subject, body, now, dueAt) { Urgent = urgent });

        /// <summary>Settles the status from the remaining paths, unless the caller already knows it.</summary>
        public Transition Finish(InstanceStatus? known = null)
        {
            if (known is { } status)
            {
                transition.Status = status;
                return transition;
            }
            transition.Status = _ended || State.Tokens.Count == 0 ? InstanceStatus.Finished : InstanceStatus.Blocked;
            if (transition.Status == InstanceStatus.Finished && !_ended)
                Record(JournalKind.Finished, null, State.Result, null, null);
            return transition;
        }

        public async Task AdvanceAsync(Token token, string outcome)
        {
            Move(token, outcome);
            while (!_ended && _ready.TryDequeue(out var next))
            {
                if (++_steps > MaxStepsPerTransition)
                    throw new ActivityFaultException(next.ActivityId, $"more than {MaxStepsPerTransition} steps without waiting");
                await ExecuteAsync(next);
            }
        }

        private void Move(Token token, string outcome)
        {
            var from = definition.Activity(token.ActivityId);
            if (!from.Next.TryGetValue(outcome, out var target) && !from.Next.TryGetValue("default", out target))
                throw new ActivityFaultException(from.Id, $"no next activity for outcome '{outcome}'");
            var moved = token with { ActivityId = target, BookmarkId = null };
            Replace(token, moved);
            _ready.Enqueue(moved);
        }

        private void Replace(Token old, Token replacement)
        {
            var index = State.Tokens.FindIndex(t => t.Id == old.Id);
            if (index >= 0) State.Tokens[index] = replacement;
            else State.Tokens.Add(replacement);
        }

        private async Task ExecuteAsync(Token token)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await ExecuteActivityAsync(token);
            }
            catch (Exception ex) when (ex is not (ActivityFaultException or DecisionRefusedException or OperationCanceledException))
            {
                throw new ActivityFaultException(token.ActivityId, ex.Message, ex);
            }
        }

        private async Task ExecuteActivityAsync(Token token)
        {
            switch (definition.Activity(token.ActivityId))
            {
                case StartActivity:
                    Move(token, ActivityDefinition.Done);
                    break;
                case EndActivity end:
                    State.Result = end.Outcome;
                    State.Tokens.Remove(token);
                    CancelAll(null);
                    Record(JournalKind.Finished, end.Id, end.Outcome, null, null);
                    _ended = true;
                    break;
                case UserTaskActivity task:
                    OpenUserTask(token, task);
                    break;
                case DecisionActivity decision:
                    var outcome = Evaluate(decision.Expression) switch
                    {
                        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                        JsonValue v when v.TryGetValue<string>(out var s) => s,
                        _ => "default",
                    };
                    Record(JournalKind.Executed, decision.Id, outcome, null, null);
                    Move(token, outcome);
                    break;
                case ForkActivity fork:
                    Fork(token, fork);
                    break;
                case JoinActivity join:
                    Join(token, join);
                    break;
                case TimerActivity timer:
                    OpenTimer(token, timer);
                    break;
                case SetVariableActivity set:
                    State.Variables[set.Variable] = Evaluate(set.Expression);
                    Record(JournalKind.Executed, set.Id, ActivityDefinition.Done, null, State.Variables[set.Variable]?.ToJsonString(EngineJson.Options));
                    Move(token, ActivityDefinition.Done);
                    break;
                case NotifyActivity notify:
                    Notify("notify", null, RecipientOf(notify.To),
                        Templates.Fill(notify.Subject, State), Templates.Fill(notify.Body, State));
                    Record(JournalKind.Executed, notify.Id, ActivityDefinition.Done, null, null);
                    Move(token, ActivityDefinition.Done);
                    break;
                case ActionActivity action:
                    var result = await executor._actions.Get(action.Handler)
                        .ExecuteAsync(new ActionContext(instanceId, action.Id, (JsonObject)State.Variables.DeepClone(), action.Settings, actor, now, unitOfWork), cancellationToken);
                    foreach (var (name, value) in result.Variables ?? new JsonObject()) State.Variables[name] = value?.DeepClone();
                    Record(JournalKind.Executed, action.Id, result.Outcome, null, result.Variables?.ToJsonString(EngineJson.Options));
                    Move(token, result.Outcome);
                    break;
                case ChildWorkflowActivity child:
                    StartChild(token, child);
                    break;
            }
        }

        private void OpenUserTask(Token token, UserTaskActivity task)
        {
            var due = task.Due is { } d ? executor.DueAt(now + d).At : (DateTimeOffset?)null;
            var bookmark = Open(token, BookmarkKind.UserTask, due) with
            {
                Role = task.Assignee.Role,
                ApproverKind = task.Assignee.ApproverKind,
                RegionCode = EvaluateText(task.Assignee.RegionExpression),
                AssigneeUserId = PersonOf(task.Assignee),
                Title = task.Title ?? task.Id,
            };
            transition.Opened[^1] = bookmark;
            if (due is { } at) ScheduleTaskTimers(bookmark, task, at, slot => slot);
        }

        /// <summary>The task's reminders still ahead and its escalation, each under the key <paramref name="keyOf"/> gives its slot; none where it gives null.</summary>
        public void ScheduleTaskTimers(Bookmark bookmark, UserTaskActivity task, DateTimeOffset due, Func<string, string?> keyOf)
        {
            for (var i = 0; i < task.RemindBefore.Count; i++)
                if (due - task.RemindBefore[i] > now && keyOf($"{bookmark.Id:N}:remind:{i}") is { } key)
                    transition.Timers.Add(new ScheduledTimer(key, instanceId, bookmark.Id, due - task.RemindBefore[i], TimerPurpose.Reminder));
            if (task.EscalateAfter is { } after && keyOf($"{bookmark.Id:N}:escalate") is { } escalation)
                transition.Timers.Add(new ScheduledTimer(escalation, instanceId, bookmark.Id, due + after, TimerPurpose.Escalation));
        }

        public void MoveDue(Guid bookmarkId, DateTimeOffset due) => transition.DueMoves.Add(new DueMove(bookmarkId, due));

        private void OpenTimer(Token token, TimerActivity timer)
        {
            var due = timer.Delay is { } delay ? now + delay
                : timer.At is { } at ? at
                : timer.AtExpression is { } atExpression ? MomentOf(atExpression)
                : Schedules.NextCron(timer.Cron!, timer.TimeZone, now) ?? throw new WorkflowException(WorkflowError.ActivityFaulted, $"cron '{timer.Cron}' never fires again");
            var bookmark = Open(token, BookmarkKind.Timer, due);
            transition.Timers.Add(new ScheduledTimer($"{bookmark.Id:N}:resume", instanceId, bookmark.Id, due, TimerPurpose.Resume));
        }

        private void StartChild(Token token, ChildWorkflowActivity child)
        {
            var input = child.InputExpression is null ? [] : Evaluate(child.InputExpression) as JsonObject
                ?? throw new WorkflowException(WorkflowError.ActivityFaulted, $"the input of child workflow '{child.Id}' must be an object");
            var childId = Guid.CreateVersion7(now);
            var bookmark = Open(token, BookmarkKind.ChildWorkflow, null) with { ChildInstanceId = childId, Title = child.WorkflowId };
            transition.Opened[^1] = bookmark;
            transition.ChildStarts.Add(new ChildStart(childId, bookmark.Id, child.WorkflowId, input));
        }

        private Bookmark Open(Token token, BookmarkKind kind, DateTimeOffset? due)
        {
            var bookmark = new Bookmark(Guid.CreateVersion7(now), instanceId, token.ActivityId, kind, token.Id, now, due);
            Replace(token, token with { BookmarkId = bookmark.Id });
            transition.Opened.Add(bookmark);
            return bookmark;
        }

        public void CloseBookmark(Token token)
        {
            if (token.BookmarkId is not { } id) return;
            var opened = transition.Opened.FindIndex(b => b.Id == id);
            if (opened >= 0)
            {
                transition.Opened.RemoveAt(opened);
                transition.Timers.RemoveAll(t => t.BookmarkId == id);
                transition.ChildStarts.RemoveAll(c => c.ParentBookmarkId == id);
            }
            else transition.Closed.Add(id);
        }

        private void Fork(Token token, ForkActivity fork)
        {
            var frame = new ForkFrame(State.NewId("f"), fork.Id, fork.Branches.Count, 0);
            State.Frames[frame.Id] = frame;
            State.Tokens.Remove(token);
            Record(JournalKind.Executed, fork.Id, ActivityDefinition.Done, null, null);
            foreach (var branch in fork.Next.Keys)
            {
                var child = new Token(State.NewId("t"), fork.Id, [.. token.Frames, frame.Id]);
                State.Tokens.Add(child);
                Move(child, branch);
            }
        }

        private void Join(Token token, JoinActivity join)
        {
            if (token.Frames.Count == 0 || !State.Frames.TryGetValue(token.Frames[^1], out var frame) || frame.ForkActivityId != join.ForkId)
                throw new WorkflowException(WorkflowError.ActivityFaulted, $"join '{join.Id}' was reached by a path that did not leave fork '{join.ForkId}'");
            frame = frame with { Arrived = frame.Arrived + 1 };
            State.Frames[frame.Id] = frame;
            State.Tokens.Remove(token);
            var needed = join.Mode switch { JoinMode.All => frame.Branches, JoinMode.Any => 1, _ => join.Count };
            if (frame.Arrived < needed) return;
            // The continuation joins the live paths first, so clearing the frame keeps the frames around it.
            var continuation = token with { ActivityId = join.Id, Frames = token.Frames.Take(token.Frames.Count - 1).ToList() };
            State.Tokens.Add(continuation);
            CancelAll(frame.Id);
            Record(JournalKind.Joined, join.Id, ActivityDefinition.Done, null, $"{{\"arrived\":{frame.Arrived},\"branches\":{frame.Branches}}}");
            Move(continuation, ActivityDefinition.Done);
        }

        /// <summary>Cancels every path inside <paramref name="frameId"/>, or every path when it is null.</summary>
        public void CancelAll(string? frameId)
        {
            var doomed = State.Tokens.Where(t => frameId is null || t.Frames.Contains(frameId)).ToList();
            foreach (var token in doomed)
            {
                State.Tokens.Remove(token);
                CloseBookmark(token);
                Record(JournalKind.BranchCancelled, token.ActivityId, null, token.BookmarkId, null);
            }
            var queued = _ready.Where(t => State.Tokens.Any(s => s.Id == t.Id)).ToList();
            _ready.Clear();
            foreach (var t in queued) _ready.Enqueue(t);
            var live = State.Tokens.SelectMany(t => t.Frames).ToHashSet();
            foreach (var stale in State.Frames.Keys.Where(k => !live.Contains(k)).ToList()) State.Frames.Remove(stale);
        }

        private JsonNode? Evaluate(string expression)
        {
            try
            {
                return executor._expressions.Evaluate(expression, State.Variables, State.Input, now);
            }
            catch (ExpressionException ex)
            {
                throw new WorkflowException(WorkflowError.ActivityFaulted, ex.Message, ex);
            }
        }

        public Recipient RecipientOf(TaskAssignment to) => new(to.Role, to.ApproverKind, EvaluateText(to.RegionExpression), PersonOf(to));

        private string? PersonOf(TaskAssignment assignment) =>
            assignment.UserExpression is null ? null
            : EvaluateText(assignment.UserExpression) is { Length: > 0 } person ? person
            : throw new WorkflowException(WorkflowError.ActivityFaulted, $"'{assignment.UserExpression}' names nobody: a personal task needs a user id");

        private DateTimeOffset MomentOf(string expression) =>
            EvaluateText(expression) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var moment)
                ? moment
                : throw new WorkflowException(WorkflowError.ActivityFaulted, $"timer '{expression}' does not give an ISO 8601 date-time");

        private string? EvaluateText(string? expression) =>
            string.IsNullOrEmpty(expression) ? null : Evaluate(expression) switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                var other => other.ToJsonString(EngineJson.Options),
            };
    }
}
