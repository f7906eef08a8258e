using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Federation.Common;
using Workflow.Federation.Founding;
using Workflow.Federation.Invitations;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;

namespace Workflow.Federation.ReElection;

/// <summary>
/// Opens the re-election's election request (换届): the body's name, kind and members, so that the election steps
/// (<c>workflows/election.json</c>) keep its candidate slate and counted votes as they keep a founding's, and the same
/// candidate and election API and pages serve it. The request belongs to the body from the start. A retry finds it and adds none.
/// </summary>
public sealed class OpenReElectionAction : IActionHandler
{
    public string Name => "reElection.open";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await using var db = TransitionDatabase.Open(context.UnitOfWork);
        var existing = await db.FoundingRequests.AsNoTracking().Where(r => r.InstanceId == context.InstanceId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id) return Opened(id);
        var bodyId = ReElectionVariables.BodyId(context);
        var body = await db.Bodies.AsNoTracking().Include(b => b.Members).SingleAsync(b => b.Id == bodyId, cancellationToken);
        var row = new FoundingRequestRow
        {
            Id = Guid.NewGuid(), InstanceId = context.InstanceId, Name = body.Name, Kind = body.Kind, Mode = body.Mode, Sector = body.Sector,
            RegionCode = body.RegionCode, CreatedBy = context.Actor, CreatedAt = context.Now, BodyId = body.Id,
        };
        row.Members.AddRange(body.Members.Select(m => new FoundingMemberRow { RequestId = row.Id, OrganizationId = m.OrganizationId }));
        db.FoundingRequests.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Opened(row.Id);
    }

    private static ActionResult Opened(Guid requestId) => ActionResult.Done(new JsonObject { ["requestId"] = requestId.ToString() });
}

/// <summary>
/// The new leadership replaces the old: the outgoing term's leaders are kept with their term closed on the congress day, the
/// elected take office from it for a new term, the body's term end moves, the old term's unused invitations are withdrawn,
/// and the elected with contact details get invitations as at registration. A retry finds the new term installed and does nothing twice.
/// </summary>
public sealed class InstallLeadershipAction : IActionHandler
{
    public string Name => "reElection.install";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await using var db = TransitionDatabase.Open(context.UnitOfWork);
        var requestId = Guid.Parse(context.Variables["requestId"]?.GetValue<string>() ?? throw new InvalidOperationException("the re-election opens its request first"));
        var row = await db.FoundingRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        var body = await db.Bodies.Include(b => b.Leaders).SingleAsync(b => b.Id == row.BodyId, cancellationToken);
        var start = row.CongressDate ?? ChinaInstant.Of(context.Now).LocalDate;
        var end = ReElectionRules.TermEnd(start);
        if (body.Leaders.Any(l => l.TermStart == start) && body.TermEndsOn == end) return Installed(start, end);

        var outgoing = LeaderTerms.Current(body.Leaders).Where(l => l.TermEnd > start).ToList();
        foreach (var leader in outgoing) leader.TermEnd = start;
        // Codes the old committee never used are withdrawn: an account made with one now would hold a post she left.
        var outgoingIds = outgoing.Select(l => l.Id).ToList();
        db.LeaderInvitations.RemoveRange(await db.LeaderInvitations.Where(i => outgoingIds.Contains(i.LeaderId) && i.AcceptedAt == null).ToListAsync(cancellationToken));
        var elected = await ElectedLeaders.OfAsync(db, row, body.Id, start, end, cancellationToken);
        db.BodyLeaders.AddRange(elected.Select(x => x.Leader));
        body.TermEndsOn = end;
        db.LeaderInvitations.AddRange(LeaderInvitations.ForElected(body, elected, context.Now));
        await db.SaveChangesAsync(cancellationToken);
        return Installed(start, end);
    }

    private static ActionResult Installed(DateOnly start, DateOnly end) => ActionResult.Done(new JsonObject
    {
        ["termStart"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["termEnd"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });
}

internal static class ReElectionVariables
{
    public static Guid BodyId(ActionContext context) =>
        Guid.Parse(context.Variables["bodyId"]?.GetValue<string>() ?? throw new InvalidOperationException("the re-election workflow sets 'bodyId' first"));
}
