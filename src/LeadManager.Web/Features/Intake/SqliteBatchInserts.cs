using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Inserts an intake batch's new requests on SQLite (the lead, the events <see cref="Lead.Create"/>
/// gave it, its outbox emails) with one prepared statement per table, reused for every row of
/// the batch, in the batch's transaction. EF Core's SQLite provider sends each row as a command of
/// its own, building its SQL and having SQLite prepare it again, and tracking the new entities
/// costs as much again; for a 45-column lead that was most of the writer's time (ADR-011).
/// <para>
/// Columns, parameter types and value converters come from the EF model, so a row is the one
/// SaveChanges would write (<c>SqliteBatchInsertsTests</c> compares the two). The entities are
/// not tracked: their new keys and foreign keys are set on them here.
/// </para>
/// </summary>
internal sealed class SqliteBatchInserts(LeadDbContext db) : IDisposable
{
    private static readonly ConcurrentDictionary<IEntityType, InsertShape> Shapes = new();

    private readonly Dictionary<Type, PreparedInsert> _statements = [];

    public void Insert(Lead lead, IEnumerable<OutboundEmail> emails, IEnumerable<Data.Outbox.FollowUp> steps)
    {
        var leadId = Statement<Lead>().Insert(lead, parentId: null);
        foreach (var leadEvent in lead.Events)
        {
            Statement<LeadEvent>().Insert(leadEvent, leadId);
        }

        foreach (var email in emails)
        {
            Statement<OutboundEmail>().Insert(email, leadId);
        }

        foreach (var step in steps)
        {
            Statement<Data.Outbox.FollowUp>().Insert(step, leadId);
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
    }

    private PreparedInsert Statement<TEntity>()
    {
        if (!_statements.TryGetValue(typeof(TEntity), out var statement))
        {
            var type = db.Model.FindEntityType(typeof(TEntity))!;
            var shape = Shapes.GetOrAdd(type, t => new InsertShape(t, db.GetService<ISqlGenerationHelper>()));
            statement = new PreparedInsert(db, shape);
            _statements.Add(typeof(TEntity), statement);
        }

        return statement;
    }

    /// <summary>What an insert into one table needs from the model, worked out once per entity type.</summary>
    private sealed class InsertShape
    {
        public InsertShape(IEntityType type, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            Key = type.FindPrimaryKey()!.Properties.Single();
            // The one foreign key to a lead the writer has just inserted, if the row has one.
            ParentKey = type.GetForeignKeys().SingleOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(Lead))?.Properties.Single();
            Columns = [.. type.GetProperties().Where(p => p != Key)];
            if (Columns.Any(c => c.IsShadowProperty() || c.ValueGenerated != ValueGenerated.Never))
            {
                throw new NotSupportedException($"{type.DisplayName()} has a column EF Core fills itself; intake's inserts cannot write it (ADR-011).");
            }

            Mappings = [.. Columns.Select(c => (RelationalTypeMapping)c.GetTypeMapping())];
            Sql =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
                $"VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))}) RETURNING {sql.DelimitIdentifier(Key.GetColumnName(table)!)}";
        }

        public IProperty Key { get; }

        public IProperty? ParentKey { get; }

        public IProperty[] Columns { get; }

        public RelationalTypeMapping[] Mappings { get; }

        public string Sql { get; }
    }

    private sealed class PreparedInsert : IDisposable
    {
        private readonly InsertShape _shape;
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public PreparedInsert(LeadDbContext db, InsertShape shape)
        {
            _shape = shape;
            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Intake inserts run inside the batch's transaction.");
            _command.CommandText = shape.Sql;
            _parameters = new DbParameter[shape.Columns.Length];
            for (var i = 0; i < shape.Columns.Length; i++)
            {
                _parameters[i] = shape.Mappings[i].CreateParameter(_command, "@p" + i, null, shape.Columns[i].IsNullable);
                _command.Parameters.Add(_parameters[i]);
            }
        }

        /// <returns>The new row's key, also set on <paramref name="entity"/>.</returns>
        public object Insert(object entity, object? parentId)
        {
            if (_shape.ParentKey is { } parentKey)
            {
                Set(parentKey, entity, parentId);
            }

            for (var i = 0; i < _shape.Columns.Length; i++)
            {
                var value = _shape.Columns[i].GetGetter().GetClrValueUsingContainingEntity(entity);
                if (value is not null && _shape.Mappings[i].Converter is ValueConverter converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                _parameters[i].Value = value ?? DBNull.Value;
            }

            object key;
            try
            {
                key = Convert.ChangeType(_command.ExecuteScalar()!, _shape.Key.ClrType, CultureInfo.InvariantCulture);
            }
            catch (SqliteException exception)
            {
                // As SaveChanges would report it, so callers retry a reference collision the same way.
                throw new DbUpdateException($"Inserting into {_shape.Key.DeclaringType.DisplayName()} failed: {exception.Message}", exception);
            }

            Set(_shape.Key, entity, key);
            return key;
        }

        // Where EF itself would write it: the backing field (the entities' keys have private setters).
        private static void Set(IProperty property, object entity, object? value)
        {
            if (property.FieldInfo is { } field)
            {
                field.SetValue(entity, value);
            }
            else
            {
                property.PropertyInfo!.SetValue(entity, value);
            }
        }

        public void Dispose() => _command.Dispose();
    }
}
