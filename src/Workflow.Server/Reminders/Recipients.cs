using System.Text.Json;
using EngineRecipient = Workflow.Engine.Recipient;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Reminders;

/// <summary>A person a reminder reaches, as their account stands at delivery.</summary>
public sealed record Person(Guid Id, string UserName, string DisplayName, string? Email, string Language, string RegionCode)
{
    public string? Mobile { get; init; }
}

/// <summary>Resolves audiences to active people: named ones, and role holders whose home region covers the audience's region.</summary>
internal static class Recipients
{

    public static string Write(ReminderAudience audience) => JsonSerializer.Serialize(audience, JsonSerializerOptions.Web);

    public static ReminderAudience Read(string json) => JsonSerializer.Deserialize<ReminderAudience>(json, JsonSerializerOptions.Web) ?? new ReminderAudience([], []);

    /// <summary>Every person of every audience, loaded in a few queries for a whole batch.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Person>>> ResolveAsync(ServiceDbContext db, IReadOnlyList<ReminderAudience> audiences, CancellationToken cancellationToken)
    {
        var ids = audiences.SelectMany(a => a.UserIds.Concat(a.Roles.Select(PersonOf).OfType<Guid>())).Distinct().ToList();
        var byId = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => u.Active && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var byRole = new Dictionary<string, List<Accounts.UserRow>>();
        foreach (var role in audiences.SelectMany(a => a.Roles).Where(r => r.UserId is null).Select(r => r.Role).Distinct())
        {
            // Roles is a comma-separated column: narrow in SQL, decide exactly in memory.
            var holders = await db.Users.AsNoTracking().Where(u => u.Active && u.Roles.Contains(role)).ToListAsync(cancellationToken);
            byRole[role] = holders.Where(u => u.RoleList.Contains(role)).ToList();
        }

        return audiences.Select(audience =>
        {
            var named = audience.UserIds.Concat(audience.Roles.Select(PersonOf).OfType<Guid>());
            var people = named.Where(byId.ContainsKey).Select(id => byId[id]);
            foreach (var to in audience.Roles.Where(r => r.UserId is null))
                people = people.Concat(byRole[to.Role].Where(u =>
                    (to.ApproverKind is null || to.ApproverKind == u.ApproverKind)
                    && RegionCode.Covers(u.RegionCode, to.RegionCode)));
            return (IReadOnlyList<Person>)people.DistinctBy(u => u.Id)
                .Select(u => new Person(u.Id, u.UserName, u.DisplayName, u.Email, u.Language, u.RegionCode) { Mobile = u.Mobile }).ToList();
        }).ToList();
    }

    /// <summary>A personal task's person, who hears of it whatever her role now is.</summary>
    private static Guid? PersonOf(EngineRecipient to) => Guid.TryParse(to.UserId, out var id) ? id : null;
}
