using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Federation.Registry;

namespace Workflow.Federation.Invitations;

/// <summary>
/// An elected leader's invitation to an account, written with the registration that elected her. Its activation code is
/// issued afterwards and kept only as a hash (<see cref="CodeHash"/>); accepting it creates her account and links it to her
/// leader record, once.
/// </summary>
public sealed class LeaderInvitationRow
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required Guid LeaderId { get; init; }
    public required string Name { get; init; }
    public required LeaderRole Role { get; init; }
    public required string RegionCode { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>SHA-256 (hex) of the normalized activation code; null until the code is issued.</summary>
    public string? CodeHash { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? UserId { get; set; }
}

internal sealed class LeaderInvitationMapping : IEntityTypeConfiguration<LeaderInvitationRow>
{
    public void Configure(EntityTypeBuilder<LeaderInvitationRow> e)
    {
        e.ToTable("leader_invitations");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.LeaderId).IsUnique();
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.HasIndex(x => x.BodyId);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.RegionCode).HasMaxLength(12);
        e.Property(x => x.Phone).HasMaxLength(20);
        e.Property(x => x.Email).HasMaxLength(200);
        e.Property(x => x.CodeHash).HasMaxLength(64);
    }
}
