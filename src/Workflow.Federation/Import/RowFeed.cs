using System.Threading.Channels;
using System.Xml;
using Workflow.Federation.Common;

namespace Workflow.Federation.Import;

/// <summary>
/// Reads and checks a sheet's rows on a worker thread and hands them over one by one, so that parsing the file
/// (the costly part of an .xlsx) runs on one core while the other matches and writes the rows before it.
/// </summary>
internal sealed class RowFeed
{
    private const int Buffer = 4096;
    private readonly Channel<ReadRow> _rows = Channel.CreateBounded<ReadRow>(new BoundedChannelOptions(Buffer) { SingleReader = true, SingleWriter = true });

    private RowFeed()
    {
    }

    /// <summary>Set before the first row is handed over.</summary>
    public RowReader? Reader { get; private set; }

    /// <summary>Why the file was refused; read it once <see cref="ReadAllAsync"/> has finished.</summary>
    public CodedMessage? Refusal { get; private set; }

    public int RowsRead { get; private set; }

    public static RowFeed Start(Sheet sheet, int maxRows, ColumnMapping? mapping, RegionNames regions, CancellationToken cancellationToken)
    {
        var feed = new RowFeed();
        _ = Task.Run(() => feed.Produce(sheet, maxRows, mapping, regions, cancellationToken), cancellationToken);
        return feed;
    }

    public IAsyncEnumerable<ReadRow> ReadAllAsync(CancellationToken cancellationToken) => _rows.Reader.ReadAllAsync(cancellationToken);

    private async Task Produce(Sheet sheet, int maxRows, ColumnMapping? mapping, RegionNames regions, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var row in sheet.Rows)
            {
                if (row.IsBlank) continue;
                if (Reader is null)
                {
                    Reader = RowReader.FromHeading(row, mapping, regions, out var refusal);
                    if (Reader is null)
                    {
                        Refusal = refusal;
                        break;
                    }
                    continue;
                }
                if (RowsRead == maxRows)
                {
                    Refusal = ImportMessages.TooManyRows(maxRows);
                    break;
                }
                RowsRead++;
                await _rows.Writer.WriteAsync(Reader.Read(row), cancellationToken);
            }
            if (Reader is null) Refusal ??= ImportMessages.Empty;
            _rows.Writer.Complete();
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            Refusal = ImportMessages.Unreadable(ex.Message);
            _rows.Writer.Complete();
        }
        catch (Exception ex)
        {
            _rows.Writer.Complete(ex);
        }
    }
}
