"""Reading and writing networks.

JSON is the lossless format: :func:`dumps`, :func:`loads`, :func:`save` (atomic) and
:func:`load`, with :func:`json_schema` describing every document. The office's own data
come as workbooks (:func:`read_workbook`, :func:`write_workbook`; extra ``excel``) and CSV
folders (:func:`read_csv_folder`, :func:`write_csv_folder`), one sheet per record type as
:mod:`bildungsnetz.io.layout` describes, in German or English. :func:`read` and
:func:`write` choose the form by the path: ``.json``, a workbook, or a folder.
:func:`read_survey` reads a partner survey (a LimeSurvey export) into cooperations for a
person to check before :meth:`SurveyResult.apply` adds them.
:func:`write_frame` writes any data frame (a report's, a table's) as a workbook or CSV file
whose text no spreadsheet program runs as a formula.
:func:`write_template` writes an empty workbook for an office to fill in, with dropdowns,
comments, example rows and instructions.
For other network tools, :func:`write_graphml` (Gephi, Cytoscape, igraph, yEd),
:func:`write_gexf` (dynamic, for Gephi's timeline) and :func:`write_node_link` (networkx and
D3 JSON; :func:`to_node_link` gives the data) write the actors and cooperations as a graph
with the flat attributes of :data:`NODE_ATTRIBUTES` and :data:`EDGE_ATTRIBUTES`;
:func:`read_graphml` reads GraphML from other tools safely (extra ``graphml``).

Examples
--------
>>> from bildungsnetz import io
>>> from bildungsnetz.datasets import musterkreis
>>> io.loads(io.dumps(musterkreis())) == musterkreis()
True
"""

from bildungsnetz.io.csv_folder import read_csv_folder, write_csv_folder
from bildungsnetz.io.files import read, write
from bildungsnetz.io.frame_files import write_frame
from bildungsnetz.io.frames import from_frames, to_frames
from bildungsnetz.io.graph_files import (
    EDGE_ATTRIBUTES,
    GRAPHML_MAX_BYTES,
    NODE_ATTRIBUTES,
    read_graphml,
    to_node_link,
    write_gexf,
    write_graphml,
    write_node_link,
)
from bildungsnetz.io.json_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    dumps,
    json_schema,
    load,
    loads,
    save,
)
from bildungsnetz.io.survey import SurveyMapping, SurveyResult, read_survey
from bildungsnetz.io.template import write_template
from bildungsnetz.io.workbook import read_workbook, write_workbook

__all__ = [
    "EDGE_ATTRIBUTES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "GRAPHML_MAX_BYTES",
    "NODE_ATTRIBUTES",
    "SurveyMapping",
    "SurveyResult",
    "dumps",
    "from_frames",
    "json_schema",
    "load",
    "loads",
    "read",
    "read_csv_folder",
    "read_graphml",
    "read_survey",
    "read_workbook",
    "save",
    "to_frames",
    "to_node_link",
    "write",
    "write_csv_folder",
    "write_frame",
    "write_gexf",
    "write_graphml",
    "write_node_link",
    "write_template",
    "write_workbook",
]
