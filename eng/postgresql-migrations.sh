#!/usr/bin/env bash
# (Re)generates the PostgreSQL migrations of one context as a single "Initial" migration, in its own folder, never touching the
# SQLite migrations beside it. Usage, from the repository root:
#   eng/postgresql-migrations.sh Federation     # src/Workflow.Federation/Storage/PostgreSql/Migrations
#   eng/postgresql-migrations.sh Service        # src/Workflow.Server/Storage/PostgreSql/Migrations
#   eng/postgresql-migrations.sh Workflow       # src/Workflow.Persistence/Stores/PostgreSql/Migrations (keep its journal triggers!)
# Each provider's migrations of a context live in the same assembly; Workflow.Persistence's ProviderMigrations tells them apart by the
# PostgreSql segment of their namespace. dotnet ef writes a model snapshot wherever a file of the snapshot's class name exists, so the
# PostgreSQL snapshot has a class name of its own (<Context>PostgreSqlModelSnapshot): a first run plants an empty one for ef to overwrite.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  Workflow)   project=src/Workflow.Persistence; context=WorkflowDbContext;   folder=Stores/PostgreSql/Migrations; namespace=Workflow.Persistence.Stores.PostgreSql.Migrations; using=Workflow.Persistence.Storage ;;
  Federation) project=src/Workflow.Federation;  context=FederationDbContext; folder=Storage/PostgreSql/Migrations; namespace=Workflow.Federation.Storage.PostgreSql.Migrations; using=Workflow.Federation.Storage ;;
  Service)    project=src/Workflow.Server;      context=ServiceDbContext;    folder=Storage/PostgreSql/Migrations; namespace=Workflow.Server.Storage.PostgreSql.Migrations; using=Workflow.Server.Storage ;;
  *) echo "usage: $0 Workflow|Federation|Service"; exit 2 ;;
esac
dotnet tool restore >/dev/null
rm -rf "${project:?}/$folder"
mkdir -p "$project/$folder"
cat > "$project/$folder/${context}PostgreSqlModelSnapshot.cs" <<CS
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using $using;

namespace $namespace;

[DbContext(typeof($context))]
internal sealed class ${context}PostgreSqlModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
    }
}
CS
dotnet dotnet-ef migrations add Initial --project "$project" --context "$context" --output-dir "$folder" --namespace "$namespace" -- --provider PostgreSql
