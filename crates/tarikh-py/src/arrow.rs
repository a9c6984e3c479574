//! Handing polars frames to Python through the Arrow C stream interface
//! (`__arrow_c_stream__`), which `polars.DataFrame(obj)` consumes.

use polars::prelude::*;
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field};
use polars_arrow::ffi;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// A polars DataFrame on its way to Python.
#[pyclass(frozen, module = "tarikh._tarikh")]
pub struct ArrowFrame {
    df: DataFrame,
}

impl ArrowFrame {
    /// Wrap a frame.
    pub fn new(df: DataFrame) -> ArrowFrame {
        ArrowFrame { df }
    }
}

#[pymethods]
impl ArrowFrame {
    /// Export the frame as an Arrow C stream capsule.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let mut df = self.df.clone();
        df.align_chunks_par();
        let compat = CompatLevel::newest();
        let fields: Vec<Field> = df
            .columns()
            .iter()
            .map(|c| c.field().to_arrow(compat))
            .collect();
        let dtype = ArrowDataType::Struct(fields);
        let height = df.height();
        let mut batches: Vec<PolarsResult<Box<dyn Array>>> = Vec::new();
        for chunk in df.iter_chunks(compat, false) {
            let len = chunk.len();
            let arrays = chunk.into_arrays();
            batches.push(Ok(
                Box::new(StructArray::new(dtype.clone(), len, arrays, None)) as Box<dyn Array>,
            ));
        }
        if batches.is_empty() || height == 0 && batches.is_empty() {
            let arrays = df
                .columns()
                .iter()
                .map(|c| polars_arrow::array::new_empty_array(c.field().to_arrow(compat).dtype))
                .collect();
            batches.push(Ok(
                Box::new(StructArray::new(dtype.clone(), 0, arrays, None)) as Box<dyn Array>,
            ));
        }
        let stream = ffi::export_iterator(
            Box::new(batches.into_iter()),
            Field::new("".into(), dtype, false),
        );
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.df.height()
    }
}
