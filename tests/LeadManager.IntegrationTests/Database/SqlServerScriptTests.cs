using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LeadManager.IntegrationTests.Database;

/// <summary>
/// SQL Server cannot run here, so its migrations are checked by Microsoft's T-SQL parser
/// (ScriptDom, which DacFx and SqlPackage use): the idempotent script a DBA is handed parses
/// without an error, GO batches and the dynamic SQL EF wraps in EXEC(N'...') included. A parse
/// proves syntax only: names, types and permissions are checked by the first real deployment.
/// </summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void The_idempotent_SQL_Server_script_parses_without_an_error()
    {
        var script = MigrationTests.IdempotentSqlServerScript();

        var parsed = Parse(script);

        Assert.True(parsed.Errors.Count == 0, "The SQL Server script does not parse:\n" + string.Join("\n", parsed.Errors));
        // Not vacuous: every batch, every CREATE TABLE and the SQL inside EXEC were read.
        Assert.Equal(BatchesBetweenGoLines(script), parsed.Batches);
        Assert.True(parsed.DynamicSql > 0, "No EXEC(N'...') was found to parse; EF's idempotent scripts wrap some statements in one.");
        Assert.Equal(Regex.Count(script, @"^\s*CREATE TABLE \[", RegexOptions.Multiline), parsed.CreateTables);
    }

    [Theory]
    [InlineData("CREATE TABLE (", 1)]
    [InlineData("CREATE TABLE [A] ([Id] int NOT NULL);\nGO\nSELECT FROM WHERE;\nGO\nCREATE TABLE [B] ([Id] int NOT NULL);", 3)]
    [InlineData("IF 1 = 1\nBEGIN\n    EXEC(N'CREATE INDEX [IX] ON [A] ([Id]) WHERE [Id] IS NOT NULL AND;');\nEND;", 3)]
    public void The_parser_reports_bad_SQL_with_its_line(string sql, int line)
    {
        var parsed = Parse(sql);

        Assert.NotEmpty(parsed.Errors);
        Assert.StartsWith($"line {line}", parsed.Errors[0]);
    }

    private sealed record Parsed(IReadOnlyList<string> Errors, int Batches, int CreateTables, int DynamicSql);

    /// <summary>Parses as SQL Server 2022 would; the parser splits GO batches itself, as SSMS does.</summary>
    private static Parsed Parse(string sql)
    {
        var errors = new List<string>();
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var parseErrors);
        errors.AddRange(parseErrors.Select(e => Describe(e, sql, e.Line)));
        if (fragment is not TSqlScript script)
        {
            return new Parsed(errors, 0, 0, 0);
        }

        var dynamic = new DynamicSqlFinder();
        script.Accept(dynamic);
        foreach (var exec in dynamic.Found)
        {
            // The string's own line numbers count from the EXEC; report them in the script's.
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(exec.Sql), out var innerErrors);
            errors.AddRange(innerErrors.Select(e => Describe(e, exec.Sql, exec.Line + e.Line - 1) + " (inside EXEC)"));
        }

        return new Parsed(errors, script.Batches.Count, dynamic.CreateTables, dynamic.Found.Count);
    }

    private static string Describe(ParseError error, string sql, int line)
    {
        var text = sql.Split('\n').ElementAtOrDefault(error.Line - 1)?.Trim() ?? "";
        return $"line {line}, column {error.Column}: {error.Message} [{text}]";
    }

    /// <summary>What sqlcmd would send: the text between GO lines, empty stretches aside.</summary>
    private static int BatchesBetweenGoLines(string script)
    {
        var batches = 0;
        var content = false;
        foreach (var line in script.Split('\n').Select(l => l.Trim()).Append("GO"))
        {
            if (line.Equals("GO", StringComparison.OrdinalIgnoreCase))
            {
                batches += content ? 1 : 0;
                content = false;
            }
            else
            {
                content |= line.Length > 0;
            }
        }

        return batches;
    }

    /// <summary>
    /// The tables the parse saw, and EXEC(N'...'): SQL the outer parse sees only as a string. A variable in it (EF's dropped
    /// default constraint, found by name at run time) stands in as a bracketed name.
    /// </summary>
    private sealed class DynamicSqlFinder : TSqlFragmentVisitor
    {
        public List<(string Sql, int Line)> Found { get; } = [];

        public int CreateTables { get; private set; }

        public override void Visit(CreateTableStatement node)
        {
            CreateTables++;
            base.Visit(node);
        }

        public override void Visit(ExecutableStringList node)
        {
            var parts = node.Strings.Select(s => s switch
            {
                StringLiteral literal => literal.Value,
                VariableReference variable => $"[{variable.Name.TrimStart('@')}]",
                _ => null,
            }).ToList();
            if (parts.All(p => p is not null))
            {
                Found.Add((string.Concat(parts), node.StartLine));
            }

            base.Visit(node);
        }
    }
}
