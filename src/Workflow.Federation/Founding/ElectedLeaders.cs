using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Elections;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Founding;

/// <summary>
/// The leadership an election request elected, as leader records for one term: the chair and vice-chairs of the first executive
/// meeting by votes, then the other executives of the congress. Founding registers them; re-election installs them in place of the old.
/// </summary>
internal static class ElectedLeaders
{
    public static async Task<List<(BodyLeaderRow Leader, Candidate? Candidate)>> OfAsync(FederationDbContext db, FoundingRequestRow row, Guid bodyId,
        DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var attempts = await db.ElectionAttempts.AsNoTracking().Where(a => a.RequestId == row.Id).ToListAsync(cancellationToken);
        var executives = FoundingService.LatestValid(attempts, ElectionStage.Congress)?.Elected ?? [];
        var leadership = FoundingService.LatestValid(attempts, ElectionStage.FirstExecutiveMeeting)?.Elected ?? [];
        var slate = FoundingService.SlateOf(row);
        var leaders = leadership.OrderBy(e => e.Role).ThenByDescending(e => e.Votes).Select((e, i) => Leader(e, i, e.Role == ElectedRole.Chair ? LeaderRole.Chair : LeaderRole.ViceChair));
        var members = executives.Where(e => leadership.All(l => l.CandidateId != e.CandidateId)).Select((e, i) => Leader(e, 100 + i, LeaderRole.ExecutiveMember));
        return [.. leaders.Concat(members)];

        (BodyLeaderRow, Candidate?) Leader(ElectedCandidate e, int order, LeaderRole role)
        {
            var candidate = slate?.ExecutiveCandidates.FirstOrDefault(c => c.Id == e.CandidateId);
            return (new BodyLeaderRow
            {
                Id = Guid.NewGuid(), BodyId = bodyId, Name = e.Name, Role = role, Order = order, TermStart = from, TermEnd = until, Organization = candidate?.Organization,
            }, candidate);
        }
    }
}
