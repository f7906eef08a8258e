using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflow.Persistence.Storage;

/// <summary>The encodings every context on the database shares, so rows written by one read back the same in another.</summary>
public static class StorageConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC ticks so SQLite can compare and order them; every value written is UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
