using System.Text;
using Workflow.Federation.Import;

namespace Workflow.Federation.Tests.Import;

public sealed class CsvTextTests
{
    private const string Sample = "单位名称,地址\r\n霞美片区产业基地,南安市霞美镇\r\n";

    [Fact]
    public void Utf8WithBom_IsDetected()
    {
        var (text, encoding) = CsvText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sample)]);
        Assert.Equal(Sample, text);
        Assert.Equal("UTF-8 (BOM)", encoding);
    }

    [Fact]
    public void Utf8WithoutBom_IsDetected()
    {
        var (text, encoding) = CsvText.Decode(Encoding.UTF8.GetBytes(Sample));
        Assert.Equal(Sample, text);
        Assert.Equal("UTF-8", encoding);
    }

    [Fact]
    public void Gb18030_IsDetected_AsExcelOnChineseWindowsWritesIt()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var (text, encoding) = CsvText.Decode(Encoding.GetEncoding("GB18030").GetBytes(Sample));
        Assert.Equal(Sample, text);
        Assert.Equal("GB18030", encoding);
    }

    [Fact]
    public void Utf16WithBom_IsDetected()
    {
        var (text, encoding) = CsvText.Decode([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Sample)]);
        Assert.Equal(Sample, text);
        Assert.Equal("UTF-16", encoding);
    }

    [Fact]
    public void QuotedFields_HoldCommasQuotesAndLineBreaks()
    {
        var records = CsvText.Records("a,b\n\"弘一集团,石材\",\"他说\"\"好\"\"\"\n\"两行\n地址\",x").ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal(["弘一集团,石材", "他说\"好\""], records[1].OfType<string>());
        Assert.Equal(["两行\n地址", "x"], records[2].OfType<string>());
    }

    [Fact]
    public void BlankLines_AreRecordsOfTheirOwn_SoRowNumbersMatchExcel()
    {
        var records = CsvText.Records("a\r\n\r\nb\r\n").ToList();
        Assert.Equal(3, records.Count);
        Assert.Null(Assert.Single(records[1]));
    }

    [Fact]
    public void TabSeparatedText_IsRecognised() =>
        Assert.Equal(["a", "b"], CsvText.Records("a\tb\n1\t2").First().OfType<string>());
}
