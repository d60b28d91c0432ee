// Prints BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING=<url> for the PostgreSQL server
// on 127.0.0.1:5432 (user postgres, trust auth), or exits 1 when none answers.
const { Client } = require('pg');

const url =
  process.env.SHIPSHAPE_TEST_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

async function main() {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version_num');
    const major = Math.floor(Number(rows[0].server_version_num) / 10000);
    process.stdout.write(
      `BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=${url}\n`,
    );
  } finally {
    await client.end();
  }
}

main().catch(error => {
  process.stderr.write(
    `PostgreSQL at ${url} does not answer: ${error.message}\n`,
  );
  process.exit(1);
});
