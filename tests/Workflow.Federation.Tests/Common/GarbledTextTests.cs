using Workflow.Federation.Common;

namespace Workflow.Federation.Tests.Common;

public sealed class GarbledTextTests
{
    [Theory]
    [InlineData("濟(jì)南市直播電商行業(yè)婦聯(lián)", "garbled.pinyin-annotation")] // seed 000 as published
    [InlineData("她心動(dòng)了", "garbled.pinyin-annotation")]
    [InlineData("?!耙粚", "garbled.question-mark")] // seed 000: “一对一” mangled
    [InlineData("济南?商贸有限公司", "garbled.question-mark")]
    [InlineData("济南\uFFFD\uFFFD有限公司", "garbled.replacement-character")]
    [InlineData("å¹¿ä¸œæŸæœ‰é™å…¬å¸", "garbled.utf8-as-latin1")] // 广东…有限公司 in UTF-8 read as Windows-1252
    [InlineData("Ã¥", "garbled.utf8-as-latin1")]
    [InlineData("济南\uE000有限公司", "garbled.private-use")]
    [InlineData("銆傗€滀竴瀵", "garbled.utf8-as-gbk")] // 。“一对 in UTF-8 read as GBK
    [InlineData("鍗庝负鎶€鏈湁闄愬叕鍙", "garbled.utf8-as-gbk")] // 华为技术有限公司 in UTF-8 read as GBK
    [InlineData("济南\u0001公司", "garbled.control-character")]
    public void GarbledText_IsFoundWithItsSign(string text, string code) =>
        Assert.Equal(code, GarbledText.Find(text)?.Code);

    [Theory]
    [InlineData("印象济南·泉世界商圈")]
    [InlineData("深圳市堃喆科技有限公司")]
    [InlineData("华为技术有限公司(Huawei)")]
    [InlineData("“滴姐爱心妈妈”接送车队")]
    [InlineData("永川网约车暨汽车租赁妇女联合会")]
    [InlineData("JN150创意园")]
    [InlineData("Café 1918")]
    [InlineData("弘一石业（大板市场）")]
    [InlineData("濟南市槐蔭區")]
    [InlineData("臺灣鴻海精密工業股份有限公司")]
    [InlineData("喆堃")]
    [InlineData("")]
    public void OrdinaryNames_AreNotFlagged(string text) => Assert.Null(GarbledText.Find(text));
}
