using System.Data.Common;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Inserts the rows an intake batch added (leads, their timeline events, outbox emails) on
/// SQLite with one prepared statement per table, reused for every row of the batch. EF Core's
/// SQLite provider sends each row as a command of its own, building its SQL and having SQLite
/// prepare it again; for a 45-column lead that was most of the writer's time (ADR-011).
/// <para>
/// Columns and value conversions come from the EF model, so a row is the one SaveChanges would
/// write. Each new key is set back on its tracked entity (EF then fixes up the foreign keys of
/// its dependents) and the entities are marked unchanged, so the SaveChanges that follows, in
/// the same transaction, writes only the rest: the requests asked again.
/// </para>
/// </summary>
internal sealed class SqliteBatchInserts(LeadDbContext db) : IDisposable
{
    /// <summary>Principals before their dependents. Rows of any other type are left to SaveChanges.</summary>
    private static readonly Type[] InsertOrder = [typeof(Lead), typeof(LeadEvent), typeof(OutboundEmail)];

    private readonly Dictionary<IEntityType, PreparedInsert> _statements = [];

    public void InsertAdded()
    {
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList();
        var inserted = new List<EntityEntry>(added.Count);
        foreach (var type in InsertOrder)
        {
            foreach (var entry in added)
            {
                if (entry.Metadata.ClrType == type)
                {
                    Statement(entry.Metadata).Insert(entry);
                    inserted.Add(entry);
                }
            }
        }

        foreach (var entry in inserted)
        {
            entry.State = EntityState.Unchanged;
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
    }

    private PreparedInsert Statement(IEntityType type)
    {
        if (!_statements.TryGetValue(type, out var statement))
        {
            statement = new PreparedInsert(db, type);
            _statements.Add(type, statement);
        }

        return statement;
    }

    private sealed class PreparedInsert : IDisposable
    {
        private readonly DbCommand _command;
        private readonly IProperty _key;
        private readonly IProperty[] _columns;
        private readonly DbParameter[] _parameters;
        private readonly ValueConverter?[] _converters;

        public PreparedInsert(LeadDbContext db, IEntityType type)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            _key = type.FindPrimaryKey()!.Properties.Single();
            _columns = [.. type.GetProperties().Where(p => p != _key)];
            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Intake inserts run inside the batch's transaction.");
            _command.CommandText =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
                $"VALUES ({string.Join(", ", _columns.Select((_, i) => "@p" + i))}) RETURNING {sql.DelimitIdentifier(_key.GetColumnName(table)!)}";
            _parameters = new DbParameter[_columns.Length];
            _converters = new ValueConverter?[_columns.Length];
            for (var i = 0; i < _columns.Length; i++)
            {
                var mapping = (RelationalTypeMapping)_columns[i].GetTypeMapping();
                _converters[i] = mapping.Converter;
                _parameters[i] = mapping.CreateParameter(_command, "@p" + i, null, _columns[i].IsNullable);
                _command.Parameters.Add(_parameters[i]);
            }
        }

        public void Insert(EntityEntry entry)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var value = entry.CurrentValues[_columns[i]];
                if (value is not null && _converters[i] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                _parameters[i].Value = value ?? DBNull.Value;
            }

            object key;
            try
            {
                key = _command.ExecuteScalar()!;
            }
            catch (SqliteException exception)
            {
                // As SaveChanges would report it, so callers retry a reference collision the same way.
                throw new DbUpdateException($"Inserting into {entry.Metadata.GetTableName()} failed: {exception.Message}", exception, [entry]);
            }

            entry.Property(_key.Name).CurrentValue = Convert.ChangeType(key, _key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose() => _command.Dispose();
    }
}
