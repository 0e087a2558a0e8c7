"""The `src` view a kind's mapping SQL reads: logical field names over the raw table.

Built with DuckDB's expression API, so header text from the file never becomes SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
from duckdb import ColumnExpression, ConstantExpression, FunctionExpression

from lead_lens.ingest.readers import RawFile
from lead_lens.ingest.spec import Field, KindSpec
from lead_lens.store import Store

_VARCHAR = duckdb.sqltype("VARCHAR")


@dataclass(frozen=True)
class ConstantField(Field):
    """A field with one value on every row instead of a file column (mapping-file constants).

    The value enters the view as a bound constant, never as SQL text.
    """

    value: str | None = None


def create_src_view(store: Store, spec: KindSpec, raw: RawFile) -> None:
    resolved = spec.resolve(raw.columns)
    is_json = raw.file_format == "json"
    expressions = [ColumnExpression("_line")]
    if is_json:
        expressions.append(ColumnExpression("record"))
    json_paths: list[str] = []
    for fld in spec.fields:
        column = resolved.get(fld.name)
        if isinstance(fld, ConstantField):
            expressions.append(ConstantExpression(fld.value).cast(_VARCHAR).alias(fld.name))
        elif column is None:
            expressions.append(ConstantExpression(None).cast(_VARCHAR).alias(fld.name))
        elif is_json:
            json_paths.append(raw.json_paths[column])
            extract = FunctionExpression("list_extract", ColumnExpression("ll_fields"),
                                         ConstantExpression(len(json_paths)))
            expressions.append(extract.alias(fld.name))
        else:
            expressions.append(ColumnExpression(_quoted(column)).alias(fld.name))
    relation = store.con.table(raw.raw_table)
    if is_json:
        # Every field in one extract: the record's JSON text is parsed once, not once per field.
        relation = relation.select(
            ColumnExpression("_line"), ColumnExpression("record"),
            FunctionExpression("json_extract_string", ColumnExpression("record"),
                               ConstantExpression(json_paths or ["$"])).alias("ll_fields"))
    relation.select(*expressions).create_view("src", replace=True)


def _quoted(column: str) -> str:
    # ColumnExpression parses its argument as a (possibly qualified) name; quoting keeps headers
    # with dots, spaces or quotes one identifier.
    return '"' + column.replace('"', '""') + '"'
