package openapi2conv_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/getkin/kin-openapi/internal/yamlconv"
	"github.com/getkin/kin-openapi/openapi2conv"
)

func TestPR558(t *testing.T) {
	t.Parallel()

	spec := `
swagger: '2.0'
info:
  version: 1.0.0
  title: title
paths:
  /test:
    get:
      deprecated: true
      parameters:
      - in: body
        schema:
          type: object
      responses:
        '200':
          description: description
`
	doc3, err := v2v3YAML([]byte(spec))
	require.NoError(t, err)
	require.NotEmpty(t, doc3.Paths.Value("/test").Get.Deprecated)
	_, err = yamlconv.Marshal(doc3)
	require.NoError(t, err)

	doc2, err := openapi2conv.FromV3(doc3)
	require.NoError(t, err)
	require.NotEmpty(t, doc2.Paths["/test"].Get.Deprecated)
}
