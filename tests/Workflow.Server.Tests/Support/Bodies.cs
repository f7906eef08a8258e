using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;
using Workflow.Federation.FollowUps;
using Workflow.Server.Storage;

namespace Workflow.Server.Tests.Support;

public static class BodiesSupport
{
    /// <summary>A body as registration leaves it: founded on 1 December 2026, term to 1 December 2031; its member organizations are covered.</summary>
    public static async Task<Guid> RegisteredBodyAsync(this ServiceFactory factory, string name = "中国水暖城妇联", string regionCode = TestRegions.Village,
        DateOnly? foundedOn = null, IReadOnlyList<Guid>? members = null)
    {
        // Starts the service (test server or Kestrel) before its database is written to.
        _ = factory.Services;
        var founded = foundedOn ?? new DateOnly(2026, 12, 1);
        var body = new FederationBodyRow
        {
            Id = Guid.NewGuid(), Name = name, Kind = FederationKind.Industry, Mode = FoundingMode.Standalone, Sector = Sector.NewEconomic,
            RegionCode = regionCode, Status = FederationBodyStatus.Founded, FoundedOn = founded, TermEndsOn = founded.AddYears(5),
            RegistrationNumber = "南妇登〔2026〕" + Guid.NewGuid().ToString("N")[..12],
        };
        body.Members.AddRange((members ?? []).Select(m => new FederationBodyMemberRow { BodyId = body.Id, OrganizationId = m }));
        await factory.Services.GetRequiredService<FederationWriter>().WriteAsync(db =>
        {
            db.Bodies.Add(body);
            return Task.FromResult(0);
        }, CancellationToken.None);
        return body.Id;
    }

    /// <summary>Leaders as an election records them: a chair, two vice-chairs and four executive members, by name.</summary>
    public static async Task AddLeadersAsync(this ServiceFactory factory, Guid bodyId)
    {
        (string Name, LeaderRole Role)[] leaders =
        [
            ("林秀英", LeaderRole.Chair), ("陈美华", LeaderRole.ViceChair), ("黄丽娟", LeaderRole.ViceChair),
            ("王芳", LeaderRole.ExecutiveMember), ("李娜", LeaderRole.ExecutiveMember), ("张静", LeaderRole.ExecutiveMember), ("刘敏", LeaderRole.ExecutiveMember),
        ];
        await factory.Services.GetRequiredService<FederationWriter>().WriteAsync(db =>
        {
            db.BodyLeaders.AddRange(leaders.Select((l, i) => new BodyLeaderRow
            {
                Id = Guid.NewGuid(), BodyId = bodyId, Name = l.Name, Role = l.Role, Order = i, TermStart = new DateOnly(2026, 12, 1), TermEnd = new DateOnly(2031, 12, 1),
            }));
            return db.SaveChangesAsync();
        }, CancellationToken.None);
    }

    /// <summary>An executive committee whose every member has her account already linked: a chair first, then executive members.</summary>
    public static async Task AddLinkedExecutivesAsync(this ServiceFactory factory, Guid bodyId, IReadOnlyList<Guid> accounts)
    {
        await factory.Services.GetRequiredService<FederationWriter>().WriteAsync(db =>
        {
            db.BodyLeaders.AddRange(accounts.Select((account, i) => new BodyLeaderRow
            {
                Id = Guid.NewGuid(), BodyId = bodyId, Name = $"执委{i + 1}", Role = i == 0 ? LeaderRole.Chair : LeaderRole.ExecutiveMember, Order = i,
                TermStart = new DateOnly(2026, 12, 1), TermEnd = new DateOnly(2031, 12, 1), UserId = account,
            }));
            return db.SaveChangesAsync();
        }, CancellationToken.None);
    }

    public static async Task<List<FollowUpRow>> FollowUpsAsync(this ServiceFactory factory, Guid subjectId, string prefix)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FederationDbContext>>().CreateDbContextAsync();
        return await db.FollowUps.AsNoTracking().Where(f => f.SubjectId == subjectId && f.Key.StartsWith(prefix)).OrderBy(f => f.Key).ToListAsync();
    }

    /// <summary>Does what the job server does when a workflow's waiting timer comes due, without waiting months for it.</summary>
    public static async Task FireWaitingTimerAsync(this ServiceFactory factory, Guid instanceId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.FiredAt == null);
        await factory.Services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Key);
    }
}

public static class TimerSupport
{
    /// <summary>Moves the service clock to <paramref name="moment"/> and fires every workflow timer due by then, as the job server would.</summary>
    public static async Task RunTimersUntilAsync(this ServiceFactory factory, DateTimeOffset moment)
    {
        if (moment > factory.Clock.GetUtcNow()) factory.Clock.SetUtcNow(moment);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var due = (await db.Timers.AsNoTracking().Where(t => t.FiredAt == null).ToListAsync()).Where(t => t.DueAt <= moment).OrderBy(t => t.DueAt);
        foreach (var timer in due) await factory.Services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Key);
    }
}
