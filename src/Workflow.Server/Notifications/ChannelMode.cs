namespace Workflow.Server.Notifications;

/// <summary>How an outside channel (e-mail, personal webhook, SMS) brings a person her reminders. The inbox always has each one.</summary>
public enum ChannelMode
{
    /// <summary>Each reminder as it falls due (quiet hours permitting).</summary>
    Each,
    /// <summary>One message a day (<c>Digest:At</c>, China time) with what is due today, overdue and new.</summary>
    Digest,
    Off,
}

public static class ChannelModes
{
    /// <summary>The mode stored as two flags: on/off (as before digests existed) and digest.</summary>
    public static ChannelMode Of(bool on, bool digest) => !on ? ChannelMode.Off : digest ? ChannelMode.Digest : ChannelMode.Each;

    /// <summary>A mode as the API takes it (<c>each</c>, <c>digest</c>, <c>off</c>); anything else is a 400 naming the field.</summary>
    public static ChannelMode? Parse(string field, string? value) =>
        value is null ? null
        : Enum.TryParse<ChannelMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _) ? mode
        : throw Refusal.Validation((field, $"“{value}”不是接收方式，请选 each（逐条）、digest（每日汇总）或 off（关闭）（'{value}' is not a channel mode: each, digest or off）"));

    /// <summary>Applies a change to a channel's flags: a mode wins over the plain on/off of older clients.</summary>
    public static (bool On, bool Digest) Apply(bool on, bool digest, bool? turnOn, ChannelMode? mode) => mode switch
    {
        ChannelMode.Each => (true, false),
        ChannelMode.Digest => (true, true),
        ChannelMode.Off => (false, digest),
        _ => (turnOn ?? on, digest),
    };
}
