namespace OmniBot.Web.Persistence;

/// <summary>One numbered step of the database schema; steps run in order, each once, each in its own transaction.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);
