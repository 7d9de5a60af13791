"""Small helpers shared by every layer; none of them import Kafka or Faust."""
