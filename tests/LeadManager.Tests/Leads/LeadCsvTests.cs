using LeadManager.Web.Features.Leads;

namespace LeadManager.Tests.Leads;

public sealed class LeadCsvTests
{
    [Theory]
    [InlineData("Smith", "Smith")]
    [InlineData("Smith, Jo", "\"Smith, Jo\"")]
    [InlineData("Jo \"JJ\" Smith", "\"Jo \"\"JJ\"\" Smith\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+447911123456", "'+447911123456")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("", "")]
    public void Cells_are_quoted_per_RFC_4180_and_formulas_are_neutralised(string value, string expected) =>
        Assert.Equal(expected, LeadCsv.Cell(value));

    [Fact]
    public void A_line_ends_with_CRLF() => Assert.Equal("a,\"b,c\",'=d\r\n", LeadCsv.Line(["a", "b,c", "=d"]));
}
